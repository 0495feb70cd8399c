import { AdminRole } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

/**
 * An admin of the dashboard. An invited admin has no password until the invite is accepted;
 * an admin of single sign-on has neither password nor invitation.
 */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'admin_users' })
export class AdminUserEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Lower-cased: one account per address whatever the case it is typed in. */
  @Column('text', { unique: true })
  email: string;

  /** argon2id, PHC string. */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  /** SHA-256 of the pending invitation's token. */
  @Column('bytea', { name: 'invite_hash', nullable: true })
  inviteHash: Buffer | null;

  @Column('timestamptz', { name: 'invite_expires_at', nullable: true })
  inviteExpiresAt: Date | null;

  @Column('text')
  role: AdminRole;

  /** null: an MSP admin, who sees every tenant. */
  @Column('uuid', { name: 'tenant_id', nullable: true })
  tenantId: string | null;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedBy: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** Whether the admin may sign in: not an invitation still waiting for its password. */
export function isActive(admin: Pick<AdminUserEntity, 'passwordHash' | 'inviteHash'>): boolean {
  return admin.passwordHash !== null || admin.inviteHash === null;
}
