import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MIN_ADMIN_PASSWORD_LENGTH } from '../core/http/admin';

/** POST /api/admin/login */
export class AdminLoginRequest {
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

/** POST /api/admin/invitations */
export class InviteAdminRequest {
  @IsEmail()
  @MaxLength(320)
  email: string;
}

/** POST /api/admin/invitations/accept */
export class AcceptInviteRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @IsString()
  @MinLength(MIN_ADMIN_PASSWORD_LENGTH)
  @MaxLength(1024)
  password: string;
}

/** POST /api/admin/tokens: a bearer token for automation (the CLI's BTSX_ADMIN_TOKEN). */
export class CreateApiTokenRequest {
  @IsString()
  @Matches(/^[\w .-]{1,64}$/, { message: 'name: 1-64 letters, digits, spaces, . _ or -' })
  name: string;
}
