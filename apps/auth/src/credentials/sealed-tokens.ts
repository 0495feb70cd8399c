import { CredentialUnreadableError } from './credential-errors';
import { Credential } from './credential.entity';
import { CredentialVault, VaultError } from './credential-vault';

/**
 * The refresh token is sealed with `<id>#refresh` as its additional data, so it cannot be
 * swapped into the access-token columns (or another record) and still decrypt.
 */
const refreshAad = (id: string): string => `${id}#refresh`;

export type SealedAccess = Pick<Credential, 'keyId' | 'nonce' | 'ciphertext' | 'authTag'>;
export type SealedRefresh = Pick<
  Credential,
  'refreshKeyId' | 'refreshNonce' | 'refreshCiphertext' | 'refreshAuthTag'
>;

export function sealAccess(vault: CredentialVault, id: string, token: string): SealedAccess {
  return vault.seal(id, token);
}

export function sealRefresh(vault: CredentialVault, id: string, token: string): SealedRefresh {
  const sealed = vault.seal(refreshAad(id), token);
  return {
    refreshKeyId: sealed.keyId,
    refreshNonce: sealed.nonce,
    refreshCiphertext: sealed.ciphertext,
    refreshAuthTag: sealed.authTag,
  };
}

/** The record's main secret: the password, or an oauth record's access token. */
export function openSecret(vault: CredentialVault, record: Credential): string {
  return readable(() => vault.open(record.id, record));
}

export function openRefresh(vault: CredentialVault, record: Credential): string {
  const { refreshKeyId, refreshNonce, refreshCiphertext, refreshAuthTag } = record;
  if (!refreshKeyId || !refreshNonce || !refreshCiphertext || !refreshAuthTag) {
    throw new CredentialUnreadableError('no refresh token stored');
  }
  return readable(() =>
    vault.open(refreshAad(record.id), {
      keyId: refreshKeyId,
      nonce: refreshNonce,
      ciphertext: refreshCiphertext,
      authTag: refreshAuthTag,
    }),
  );
}

function readable(open: () => string): string {
  try {
    return open();
  } catch (error) {
    if (error instanceof VaultError) throw new CredentialUnreadableError(error.message);
    throw error;
  }
}
