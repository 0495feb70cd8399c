import {
  isTerminal,
  OAUTH_PROVIDER_NAMES,
  type JobAccountView,
  type JobView,
} from '@btsx/contracts/core';
import { AccountUrl } from './account-url';
import { CliError } from './cli-error';
import { EXIT_FAILURE, EXIT_USAGE } from './exit-code';

/** One account of a job to restart: where it is, and whether its certificate is checked. */
export interface RestartAccount {
  account: AccountUrl;
  tlsInsecure: boolean;
}

/**
 * What `btsx restart` signs in to: the job's own accounts, exactly as the job recorded them
 * (the server refuses any other). Refuses up front a job that has not finished, before
 * asking for a password that could not be used.
 */
export interface RestartPlan {
  source: RestartAccount;
  destination: RestartAccount;
}

/** What signs the accounts in again, in the words of the refusal of an OAuth job. */
export type SignInAgainAction = 'restart' | 'verify';

/**
 * Refuses a job that has not finished, or one with an account that signs in with OAuth: the
 * provider's sign-in needs a browser, so `action` is done from the job's status page
 * (`jobPageUrl`), and no password is asked for.
 */
export function restartPlan(
  job: JobView,
  action: SignInAgainAction,
  jobPageUrl: string,
): RestartPlan {
  if (!isTerminal(job.status)) {
    throw new CliError(
      `Job ${job.id} is ${job.status}; only a finished job can be restarted.`,
      EXIT_USAGE,
    );
  }
  for (const side of ['source', 'destination'] as const) {
    const provider = job[side].provider;
    if (provider) {
      const what = action === 'restart' ? 'restart it' : 'verify it again';
      throw new CliError(
        `Job ${job.id}'s ${side} account signs in with ${OAUTH_PROVIDER_NAMES[provider]}, which needs a browser: ${what} from its status page, ${jobPageUrl}`,
        EXIT_FAILURE,
      );
    }
  }
  return { source: fromJob(job.source), destination: fromJob(job.destination) };
}

function fromJob(view: JobAccountView): RestartAccount {
  const { host, port, security, username, tlsInsecure } = view;
  return { account: { host, port, security, username }, tlsInsecure };
}
