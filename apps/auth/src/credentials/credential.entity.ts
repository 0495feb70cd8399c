import type { AccountSide, CredentialOwner, ImapSecurity, OAuthProviderId } from '@btsx/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type CredentialKind = 'password' | 'oauth';

/**
 * One stored IMAP login; its secret only as AES-256-GCM ciphertext (see CredentialVault).
 * kind 'password': the secret is the password. kind 'oauth': the secret is the current
 * access token, and the refresh token is sealed separately (under `<id>#refresh`).
 *
 * A signed-in login waits under its token's hash for its session to claim it; a claimed one
 * is found by its owner and side; a batch's held one by its id, which never leaves the
 * orchestrator and auth.
 */
@Entity({ name: 'credential' })
export class Credential {
  /** Chosen before encrypting: it is the ciphertext's additional authenticated data. */
  @PrimaryColumn('uuid')
  id: string;

  /** The side it signed in for (null for a batch's held credential, which serves either). */
  @Column('varchar', { length: 16, nullable: true })
  side: AccountSide | null;

  /** The job or audit that claimed it. */
  @Column('varchar', { length: 64, nullable: true })
  owner: CredentialOwner | null;

  /** SHA-256 of the token the client holds until it claims; null once claimed. */
  @Column('varchar', { name: 'token_hash', length: 43, nullable: true })
  tokenHash: string | null;

  /** SHA-256 of the client session the token was given to. */
  @Column('varchar', { name: 'session_hash', length: 43, nullable: true })
  sessionHash: string | null;

  @Column('varchar', { length: 16, default: 'password' })
  kind: CredentialKind;

  @Column('varchar', { length: 32, nullable: true })
  provider: OAuthProviderId | null;

  @Column('varchar', { length: 253 })
  host: string;

  @Column('integer')
  port: number;

  @Column('varchar', { length: 16 })
  security: ImapSecurity;

  @Column('boolean', { name: 'verify_certificate' })
  verifyCertificate: boolean;

  @Column('varchar', { length: 320 })
  username: string;

  @Column('varchar', { name: 'key_id', length: 32 })
  keyId: string;

  @Column('bytea')
  nonce: Buffer;

  @Column('bytea')
  ciphertext: Buffer;

  @Column('bytea', { name: 'auth_tag' })
  authTag: Buffer;

  /** When the current access token was issued and expires (oauth only). */
  @Column('timestamptz', { name: 'token_issued_at', nullable: true })
  tokenIssuedAt: Date | null;

  @Column('timestamptz', { name: 'token_expires_at', nullable: true })
  tokenExpiresAt: Date | null;

  @Column('varchar', { name: 'refresh_key_id', length: 32, nullable: true })
  refreshKeyId: string | null;

  @Column('bytea', { name: 'refresh_nonce', nullable: true })
  refreshNonce: Buffer | null;

  @Column('bytea', { name: 'refresh_ciphertext', nullable: true })
  refreshCiphertext: Buffer | null;

  @Column('bytea', { name: 'refresh_auth_tag', nullable: true })
  refreshAuthTag: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when a worker first resolved it for a job; never-used rows expire. */
  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
