// @btsx/contracts runs class-transformer decorators on load, which need the metadata polyfill.
import 'reflect-metadata';
import type { JobView } from '@btsx/contracts';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';
import { restartPlan } from './restart-plan';

const JOB = {
  id: 'j1',
  status: 'completed',
  source: {
    host: 'imap.old.example',
    port: 993,
    security: 'tls',
    username: 'alice@old.example',
    tlsInsecure: false,
  },
  destination: {
    host: '10.0.0.5',
    port: 143,
    security: 'none',
    username: 'alice',
    tlsInsecure: true,
  },
} as JobView;

describe('restartPlan', () => {
  it("signs in to the job's own accounts, as the job recorded them", () => {
    expect(restartPlan(JOB)).toEqual({
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
      let error: unknown;
      try {
        restartPlan({ ...JOB, status });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(EXIT_USAGE);
      expect((error as CliError).message).toContain(`is ${status}`);
    }
  });

  it('restarts every finished state', () => {
    for (const status of ['completed', 'completed_with_errors', 'failed', 'cancelled'] as const) {
      expect(() => restartPlan({ ...JOB, status })).not.toThrow();
    }
  });
});
