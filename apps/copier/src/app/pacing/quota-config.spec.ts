import { ConfigError, loadConfig } from '@btsx/platform';
import { CopierConfig } from '../copier-config';
import { quotaRule } from './quota-config';

const required = { NATS_URL: 'nats://n:1', DATABASE_URL: 'postgres://u@h/db' };
const MB = 1024 * 1024;

describe('the copier’s quota settings', () => {
  it('hold Gmail to 500 MB up and 2,500 MB down per rolling day, and other servers to none', () => {
    const config = loadConfig(CopierConfig, required);
    const day = 24 * 3600_000;
    expect(quotaRule(config, 'gmail', 'upload')).toEqual({ limitBytes: 500 * MB, windowMs: day });
    expect(quotaRule(config, 'gmail', 'download')?.limitBytes).toBe(2_500 * MB);
    expect(quotaRule(config, 'microsoft', 'upload')).toBeUndefined();
    expect(quotaRule(config, 'imap', 'download')).toBeUndefined();
  });

  it('take an operator’s quotas and window, and 0 for none', () => {
    const config = loadConfig(CopierConfig, {
      ...required,
      COPIER_QUOTA_IMAP_UPLOAD_MB: '2',
      COPIER_QUOTA_GMAIL_UPLOAD_MB: '0',
      COPIER_QUOTA_WINDOW_MS: '5000',
    });
    expect(quotaRule(config, 'imap', 'upload')).toEqual({ limitBytes: 2 * MB, windowMs: 5_000 });
    expect(quotaRule(config, 'gmail', 'upload')).toBeUndefined();
  });

  it('refuse a quota that is not a whole number of MB, naming the variable', () => {
    const load = () =>
      loadConfig(CopierConfig, { ...required, COPIER_QUOTA_GMAIL_UPLOAD_MB: '0.5' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/COPIER_QUOTA_GMAIL_UPLOAD_MB must be a whole number of MB/);
  });
});
