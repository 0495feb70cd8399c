import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const CIPHER = 'aes-256-gcm';
/** 96-bit nonces are GCM's native size (NIST SP 800-38D §8.2); random is safe at our volume. */
const NONCE_BYTES = 12;
/** The full 128-bit tag; shorter tags weaken forgery resistance. */
const AUTH_TAG_BYTES = 16;

/** What is stored for one secret; none of it reveals the secret without the key. */
export interface SealedSecret {
  keyId: string;
  nonce: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

export interface VaultKeys {
  /** Encrypts new records. */
  current: { id: string; key: Buffer };
  /** Rotated-out keys, by id: they only decrypt records written under them. */
  previous: ReadonlyMap<string, Buffer>;
}

/** A record could not be opened; says why without echoing anything secret. */
export class VaultError extends Error {}

/**
 * AES-256-GCM for stored secrets. The record id is bound as additional authenticated
 * data, so a ciphertext copied onto another record fails to decrypt rather than
 * handing one user's password to another's job.
 */
export class CredentialVault {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly vaultKeys: VaultKeys) {
    this.keys = new Map(vaultKeys.previous);
    this.keys.set(vaultKeys.current.id, vaultKeys.current.key);
  }

  seal(recordId: string, secret: string): SealedSecret {
    const { id, key } = this.vaultKeys.current;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(CIPHER, key, nonce, { authTagLength: AUTH_TAG_BYTES });
    cipher.setAAD(Buffer.from(recordId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return { keyId: id, nonce, ciphertext, authTag: cipher.getAuthTag() };
  }

  open(recordId: string, sealed: SealedSecret): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new VaultError(`encryption key '${sealed.keyId}' is not configured`);
    }
    try {
      const decipher = createDecipheriv(CIPHER, key, sealed.nonce, {
        authTagLength: AUTH_TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(recordId, 'utf8'));
      decipher.setAuthTag(sealed.authTag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new VaultError(`record does not authenticate under key '${sealed.keyId}'`);
    }
  }
}
