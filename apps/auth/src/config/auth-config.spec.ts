import { ConfigError, loadConfig } from '@btsx/platform';
import { randomBytes } from 'node:crypto';
import { vaultKeysFrom } from '../credentials/vault-keys';
import { AuthConfig } from './auth-config';

const KEY = randomBytes(32).toString('base64');
const OLD_KEY = randomBytes(32).toString('base64');
const BASE = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/btsx',
  // Set explicitly: this spec is about AuthConfig, not ServiceConfig's defaults.
  PORT: '0',
  LOG_JSON: 'false',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(AuthConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('AuthConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig(AuthConfig, { ...BASE, BTSX_ENCRYPTION_KEY: KEY });
    expect(config.BTSX_ENCRYPTION_KEY_ID).toBe('k1');
    expect(config.BTSX_PREVIOUS_ENCRYPTION_KEYS).toBe('');
    expect(config.CREDENTIAL_TTL_HOURS).toBe(24);
    expect(config.BTSX_ALLOW_PRIVATE_HOSTS).toBe(false);
  });

  it('requires the encryption key', () => {
    expect(problemsOf(BASE).join()).toContain('BTSX_ENCRYPTION_KEY must be set');
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', 'this is not a key, but it is forty-four chars'],
  ])('refuses a key that is %s, without echoing it', (_case, value) => {
    const problems = problemsOf({ ...BASE, BTSX_ENCRYPTION_KEY: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^BTSX_ENCRYPTION_KEY /);
    expect(problems[0]).not.toContain(value);
  });

  it('reads previous keys for rotation', () => {
    const config = loadConfig(AuthConfig, {
      ...BASE,
      BTSX_ENCRYPTION_KEY: KEY,
      BTSX_ENCRYPTION_KEY_ID: 'k2',
      BTSX_PREVIOUS_ENCRYPTION_KEYS: `k1:${OLD_KEY}`,
    });
    const keys = vaultKeysFrom(config);
    expect(keys.current.id).toBe('k2');
    expect(keys.current.key.equals(Buffer.from(KEY, 'base64'))).toBe(true);
    expect(keys.previous.get('k1')?.equals(Buffer.from(OLD_KEY, 'base64'))).toBe(true);
  });

  it('refuses a malformed previous key list without echoing it', () => {
    const value = `k1:${OLD_KEY},k0:short`;
    const problems = problemsOf({
      ...BASE,
      BTSX_ENCRYPTION_KEY: KEY,
      BTSX_PREVIOUS_ENCRYPTION_KEYS: value,
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^BTSX_PREVIOUS_ENCRYPTION_KEYS /);
    expect(problems[0]).not.toContain(OLD_KEY);
  });

  it('refuses a TTL that is not a whole number of hours', () => {
    const problems = problemsOf({
      ...BASE,
      BTSX_ENCRYPTION_KEY: KEY,
      CREDENTIAL_TTL_HOURS: 'soon',
    });
    expect(problems.join()).toContain('CREDENTIAL_TTL_HOURS must be a whole number');
  });
});
