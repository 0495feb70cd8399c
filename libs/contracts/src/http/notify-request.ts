import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsUrl, MaxLength, ValidateNested } from 'class-validator';

/** RFC 5321: an address longer than this cannot be delivered. */
const MAX_EMAIL_CHARS = 254;
/** Longer URLs are refused by common servers and proxies. */
const MAX_URL_CHARS = 2048;

/** A webhook URL; whether http (not https) and private hosts pass is the server's call. */
export function IsWebhookUrl(): PropertyDecorator {
  return (target, key) => {
    IsUrl(
      { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
      { message: '$property must be an https:// URL' },
    )(target, key);
    MaxLength(MAX_URL_CHARS)(target, key);
  };
}

/** A real address, as RFC 5321 bounds it. */
export function IsNotifyEmail(): PropertyDecorator {
  return (target, key) => {
    IsEmail({}, { message: '$property must be an e-mail address' })(target, key);
    MaxLength(MAX_EMAIL_CHARS)(target, key);
  };
}

export class WebhookTargetRequest {
  @IsWebhookUrl()
  url: string;
}

/** Who is told when a job or a batch ends or needs attention; both are optional. */
export class NotifyRequest {
  @IsOptional()
  @IsNotifyEmail()
  email?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => WebhookTargetRequest)
  webhook?: WebhookTargetRequest;
}
