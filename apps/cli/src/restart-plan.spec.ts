// @btsx/contracts runs class-transformer decorators on load, which need the metadata polyfill.
import 'reflect-metadata';
import type { JobView } from '@btsx/contracts';
import { CliError } from './cli-error';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-code';
import { restartPlan, SignInAgainAction } from './restart-plan';

const JOB = {
  id: 'j1',
  status: 'completed',
  source: {
    host: 'imap.old.example',
    port: 993,
    security: 'tls',
    username: 'alice@old.example',
    tlsInsecure: false,
    provider: null,
  },
  destination: {
    host: '10.0.0.5',
    port: 143,
    security: 'none',
    username: 'alice',
    tlsInsecure: true,
    provider: null,
  },
} as JobView;
const PAGE = 'https://btsx.example/jobs/j1';

/** The CliError restartPlan throws for this job, which must throw one. */
function refusal(job: JobView, action: SignInAgainAction = 'restart'): CliError {
  try {
    restartPlan(job, action, PAGE);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('restartPlan did not refuse');
}

describe('restartPlan', () => {
  it("signs in to the job's own accounts, as the job recorded them", () => {
    expect(restartPlan(JOB, 'restart', PAGE)).toEqual({
      source: {
        account: {
          host: 'imap.old.example',
          port: 993,
          security: 'tls',
          username: 'alice@old.example',
        },
        tlsInsecure: false,
      },
      destination: {
        account: { host: '10.0.0.5', port: 143, security: 'none', username: 'alice' },
        tlsInsecure: true,
      },
    });
  });

  it('refuses a job that has not finished, before any password is asked for', () => {
    for (const status of ['queued', 'running'] as const) {
      const error = refusal({ ...JOB, status });
      expect(error.exitCode).toBe(EXIT_USAGE);
      expect(error.message).toContain(`is ${status}`);
    }
  });

  it('restarts every finished state', () => {
    for (const status of ['completed', 'completed_with_errors', 'failed', 'cancelled'] as const) {
      expect(() => restartPlan({ ...JOB, status }, 'restart', PAGE)).not.toThrow();
    }
  });

  it('refuses an OAuth job with exit 1, naming the provider and the status page', () => {
    const job = { ...JOB, destination: { ...JOB.destination, provider: 'microsoft' as const } };
    const error = refusal(job);
    expect(error.exitCode).toBe(EXIT_FAILURE);
    expect(error.message).toBe(
      `Job j1's destination account signs in with Microsoft 365, which needs a browser: restart it from its status page, ${PAGE}`,
    );
    const google = { ...JOB, source: { ...JOB.source, provider: 'google' as const } };
    expect(refusal(google, 'verify').message).toContain(
      'signs in with Google, which needs a browser: verify it again from its status page',
    );
  });
});
