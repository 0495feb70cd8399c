import { AdminRole } from '@btsx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';

export type AdminTokenKind = 'session' | 'api';

/** A browser session (cookie) or an API token (bearer); only the token's hash is kept. */
@Entity({ schema: ORCHESTRATOR_SCHEMA, name: 'admin_tokens' })
export class AdminTokenEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'admin_id' })
  adminId: string;

  @Column('text')
  kind: AdminTokenKind;

  /** The API token's label; null for a session. */
  @Column('text', { nullable: true })
  name: string | null;

  /** SHA-256 of the token: a stolen database holds nothing to log in with. */
  @Column('bytea', { name: 'token_hash', unique: true })
  tokenHash: Buffer;

  /** The session's CSRF token (sent back in X-XSRF-TOKEN); null for an API token. */
  @Column('text', { name: 'csrf_token', nullable: true })
  csrfToken: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** Sessions expire; an API token when its maker said so, or lives until revoked (null). */
  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  /** The API token's role (never more than its maker's); null for a session: the admin's. */
  @Column('text', { nullable: true })
  role: AdminRole | null;

  /** The API token's tenant; null for a session (the admin's) or an MSP token. */
  @Column('uuid', { name: 'tenant_id', nullable: true })
  tenantId: string | null;

  /** API tokens: when last used, to the minute. */
  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
