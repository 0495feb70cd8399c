import type { ImapSecurity } from '@btsx/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One stored IMAP login; the password only as AES-256-GCM ciphertext (see CredentialVault). */
@Entity({ name: 'credential' })
export class Credential {
  /** Chosen before encrypting: it is the ciphertext's additional authenticated data. */
  @PrimaryColumn('uuid')
  id: string;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when a worker first resolved it for a job; never-used rows expire. */
  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
