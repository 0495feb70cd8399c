import { randomBytes, randomUUID } from 'node:crypto';
import { CredentialVault, VaultError } from './credential-vault';

const PASSWORD = 'correct horse battery staple';

function vault(id: string, key: Buffer, previous: [string, Buffer][] = []) {
  return new CredentialVault({ current: { id, key }, previous: new Map(previous) });
}

describe('CredentialVault', () => {
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);

  it('round-trips a secret and stores the key id', () => {
    const id = randomUUID();
    const sealed = vault('k1', keyA).seal(id, PASSWORD);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.nonce).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(sealed.ciphertext.toString('utf8')).not.toContain(PASSWORD);
    expect(vault('k1', keyA).open(id, sealed)).toBe(PASSWORD);
  });

  it('uses a fresh nonce for every record', () => {
    const v = vault('k1', keyA);
    const id = randomUUID();
    const first = v.seal(id, PASSWORD);
    const second = v.seal(id, PASSWORD);
    expect(first.nonce.equals(second.nonce)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it('refuses a tampered ciphertext', () => {
    const id = randomUUID();
    const sealed = vault('k1', keyA).seal(id, PASSWORD);
    sealed.ciphertext[0] ^= 0x01;
    expect(() => vault('k1', keyA).open(id, sealed)).toThrow(VaultError);
  });

  it('refuses a tampered auth tag', () => {
    const id = randomUUID();
    const sealed = vault('k1', keyA).seal(id, PASSWORD);
    sealed.authTag[3] ^= 0x80;
    expect(() => vault('k1', keyA).open(id, sealed)).toThrow(VaultError);
  });

  it('refuses a ciphertext moved onto another record id', () => {
    const sealed = vault('k1', keyA).seal(randomUUID(), PASSWORD);
    expect(() => vault('k1', keyA).open(randomUUID(), sealed)).toThrow(VaultError);
  });

  it('after rotation, still opens a record written under the previous key', () => {
    const id = randomUUID();
    const old = vault('k1', keyA).seal(id, PASSWORD);
    const rotated = vault('k2', keyB, [['k1', keyA]]);
    expect(rotated.open(id, old)).toBe(PASSWORD);
    expect(rotated.seal(id, PASSWORD).keyId).toBe('k2');
  });

  it('names a missing key id and never the secret', () => {
    const id = randomUUID();
    const old = vault('k1', keyA).seal(id, PASSWORD);
    expect(() => vault('k2', keyB).open(id, old)).toThrow("encryption key 'k1' is not configured");
  });

  it('refuses the right key id with the wrong key bytes', () => {
    const id = randomUUID();
    const sealed = vault('k1', keyA).seal(id, PASSWORD);
    expect(() => vault('k1', keyB).open(id, sealed)).toThrow(VaultError);
  });
});
