import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** Long enough that a guess is hopeless once logins are rate-limited. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

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

/**
 * The signed-in admin. `csrfToken` is also in the XSRF-TOKEN cookie: every POST, PUT or
 * DELETE of a cookie session sends it back as the X-XSRF-TOKEN header.
 */
export interface AdminSessionView {
  email: string;
  csrfToken: string;
}

/** POST /api/admin/invitations */
export class InviteAdminRequest {
  @IsEmail()
  @MaxLength(320)
  email: string;
}

/** The token is shown once; whoever holds it sets the new admin's password. */
export interface InviteAdminResponse {
  email: string;
  inviteToken: string;
  expiresAt: string;
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

export interface AdminUserView {
  email: string;
  /** False while an invitation is not yet accepted. */
  active: boolean;
  createdAt: string;
}

/** POST /api/admin/tokens: a bearer token for automation (the CLI's BTSX_ADMIN_TOKEN). */
export class CreateApiTokenRequest {
  @IsString()
  @Matches(/^[\w .-]{1,64}$/, { message: 'name: 1-64 letters, digits, spaces, . _ or -' })
  name: string;
}

/** The token is shown once; only its hash is stored. */
export interface ApiTokenCreated {
  id: string;
  name: string;
  token: string;
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
}
