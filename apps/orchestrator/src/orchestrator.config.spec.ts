import { ConfigError, loadConfig } from '@btsx/platform';
import { OrchestratorConfig } from './orchestrator.config';

const REQUIRED = { NATS_URL: 'nats://127.0.0.1:4222', DATABASE_URL: 'postgres://db/btsx' };

describe('OrchestratorConfig', () => {
  it('boots on the two URLs alone, with defaults for the rest', () => {
    expect(loadConfig(OrchestratorConfig, REQUIRED)).toMatchObject({
      PORT: 0,
      LOG_JSON: false,
      AUTH_REQUEST_TIMEOUT_MS: 5_000,
      JOB_RETENTION_DAYS: 7,
    });
  });

  it('reads the retention, and refuses one that is not a positive whole number of days', () => {
    expect(loadConfig(OrchestratorConfig, { ...REQUIRED, JOB_RETENTION_DAYS: '30' })).toMatchObject(
      { JOB_RETENTION_DAYS: 30 },
    );
    for (const bad of ['0', '1.5', 'week']) {
      expect(() =>
        loadConfig(OrchestratorConfig, { ...REQUIRED, JOB_RETENTION_DAYS: bad }),
      ).toThrow(/JOB_RETENTION_DAYS/);
    }
  });

  it('reads the auth timeout', () => {
    const config = loadConfig(OrchestratorConfig, { ...REQUIRED, AUTH_REQUEST_TIMEOUT_MS: '800' });
    expect(config.AUTH_REQUEST_TIMEOUT_MS).toBe(800);
  });

  it('names the bad variables, never their values', () => {
    const env = { NATS_URL: 'http://secret-host', AUTH_REQUEST_TIMEOUT_MS: 'soon' };
    expect(() => loadConfig(OrchestratorConfig, env)).toThrow(ConfigError);
    try {
      loadConfig(OrchestratorConfig, env);
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toMatch(/NATS_URL.*DATABASE_URL|DATABASE_URL.*NATS_URL/);
      expect(text).toContain('AUTH_REQUEST_TIMEOUT_MS');
      expect(text).not.toContain('secret-host');
    }
  });
});
