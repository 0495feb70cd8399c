import { AppError } from '@btsx/platform';
import { OrchestratorConfig } from '../orchestrator.config';
import { NO_SMTP, NotifyPolicy } from './notify-policy';

function policy(settings: Partial<OrchestratorConfig>): NotifyPolicy {
  return new NotifyPolicy({ BTSX_ALLOW_PRIVATE_HOSTS: false, ...settings } as OrchestratorConfig);
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(400);
  return (error as Error).message;
}

describe('NotifyPolicy', () => {
  const smtp = { SMTP_URL: 'smtp://relay.example:587', NOTIFY_FROM: 'btsx@example.com' };

  it('asks for nothing when nothing is asked for', async () => {
    await expect(policy({}).target(undefined)).resolves.toBeUndefined();
    await expect(policy({}).target({})).resolves.toBeUndefined();
  });

  it('refuses an e-mail where no SMTP server is configured', async () => {
    expect(await refusal(policy({}).target({ email: 'a@example.com' }))).toBe(NO_SMTP);
    await expect(policy(smtp).target({ email: 'a@example.com' })).resolves.toEqual({
      email: 'a@example.com',
      webhookUrl: null,
      webhookSecret: null,
    });
  });

  it.each([
    ['http://127.0.0.1:8080/hook', 'https://'],
    ['https://127.0.0.1/hook', 'private or local network'],
    ['https://10.1.2.3/hook', 'private or local network'],
    ['https://[::1]/hook', 'private or local network'],
    ['https://169.254.169.254/latest', 'private or local network'],
    ['https://user:pw@example.com/hook', 'user or password'],
  ])('refuses the webhook %s', async (url, reason) => {
    expect(await refusal(policy({}).target({ webhook: { url } }))).toContain(reason);
  });

  it('lets a private http receiver through where private hosts are allowed', async () => {
    const target = await policy({ BTSX_ALLOW_PRIVATE_HOSTS: true }).target({
      webhook: { url: 'http://127.0.0.1:8080/hook' },
    });
    expect(target).toMatchObject({ email: null, webhookUrl: 'http://127.0.0.1:8080/hook' });
    expect(target?.webhookSecret).toMatch(/^whsec_/);
  });
});
