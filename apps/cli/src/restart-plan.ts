import { isTerminal, type JobAccountView, type JobView } from '@btsx/contracts/core';
import { AccountUrl } from './account-url';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

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

export function restartPlan(job: JobView): RestartPlan {
  if (!isTerminal(job.status)) {
    throw new CliError(
      `Job ${job.id} is ${job.status}; only a finished job can be restarted.`,
      EXIT_USAGE,
    );
  }
  return { source: fromJob(job.source), destination: fromJob(job.destination) };
}

function fromJob(view: JobAccountView): RestartAccount {
  const { host, port, security, username, tlsInsecure } = view;
  return { account: { host, port, security, username }, tlsInsecure };
}
