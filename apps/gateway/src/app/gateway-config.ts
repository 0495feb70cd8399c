import { ServiceConfig } from '@btsx/platform';
import { Expose } from 'class-transformer';
import { IsString, IsUrl } from 'class-validator';

const SERVICE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig extends ServiceConfig {
  @Expose()
  @IsUrl(SERVICE_URL, { message: 'AUTH_URL must be an http(s) URL' })
  AUTH_URL: string;

  @Expose()
  @IsUrl(SERVICE_URL, { message: 'ORCHESTRATOR_URL must be an http(s) URL' })
  ORCHESTRATOR_URL: string;

  /** The built web app (index.html and assets), relative to the working directory. */
  @Expose()
  @IsString()
  WEB_ROOT: string = 'dist/apps/web/browser';
}
