import {
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  ADMIN_ROLES,
  AdminRole,
  MAX_TENANT_CONCURRENCY,
  MIN_ADMIN_PASSWORD_LENGTH,
} from '../core/http/admin';

const ROLE_MESSAGE = { message: `role must be one of ${ADMIN_ROLES.join(', ')}` };

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
 * POST /api/admin/invitations. Without `tenantId` the new admin gets the inviter's tenant
 * (none for an MSP inviter: another MSP admin).
 */
export class InviteAdminRequest {
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsIn(ADMIN_ROLES, ROLE_MESSAGE)
  role: AdminRole;

  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

/** PATCH /api/admin/users/:id: ends the admin's open sessions. */
export class ChangeAdminRoleRequest {
  @IsIn(ADMIN_ROLES, ROLE_MESSAGE)
  role: AdminRole;
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

/**
 * POST /api/admin/tokens: a bearer token for automation (the CLI's BTSX_ADMIN_TOKEN).
 * Without `role` it gets its maker's; without `tenantId` its maker's tenant; without
 * `expiresAt` it works until revoked.
 */
export class CreateApiTokenRequest {
  @IsString()
  @Matches(/^[\w .-]{1,64}$/, { message: 'name: 1-64 letters, digits, spaces, . _ or -' })
  name: string;

  @IsOptional()
  @IsIn(ADMIN_ROLES, ROLE_MESSAGE)
  role?: AdminRole;

  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date and time' })
  expiresAt?: string;
}

/** POST /api/admin/tenants (MSP owners) */
export class CreateTenantRequest {
  @IsString()
  @Matches(/^\S(.{0,98}\S)?$/, {
    message: 'name: 1-100 characters, not starting or ending with a space',
  })
  name: string;

  /** Absent: the server's default share. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TENANT_CONCURRENCY)
  concurrency?: number;
}

/** PATCH /api/admin/tenants/:id (MSP owners); `concurrency: null` returns to the default. */
export class UpdateTenantRequest {
  @IsOptional()
  @IsString()
  @Matches(/^\S(.{0,98}\S)?$/, {
    message: 'name: 1-100 characters, not starting or ending with a space',
  })
  name?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TENANT_CONCURRENCY)
  concurrency?: number | null;
}

/** ?tenant=… on lists an MSP admin may narrow to one tenant. */
export class TenantFilterQuery {
  @IsOptional()
  @IsUUID()
  tenant?: string;
}
