import { AuthConfig } from '../config/auth-config';
import { decodeKey, parsePreviousKeys } from '../config/encryption-keys';
import { VaultKeys } from './credential-vault';

/** The vault's keys from an already validated config. */
export function vaultKeysFrom(config: AuthConfig): VaultKeys {
  const key = decodeKey(config.BTSX_ENCRYPTION_KEY);
  const previous = parsePreviousKeys(config.BTSX_PREVIOUS_ENCRYPTION_KEYS);
  if (!key || !previous) throw new Error('AuthConfig was not validated');
  previous.delete(config.BTSX_ENCRYPTION_KEY_ID);
  return { current: { id: config.BTSX_ENCRYPTION_KEY_ID, key }, previous };
}
