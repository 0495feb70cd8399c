import type { JobView } from '@btsx/contracts';

/** The job completed and every message made it. */
export const EXIT_OK = 0;
/** The job did not complete cleanly, or the CLI could not do its work. */
export const EXIT_FAILURE = 1;
/** The command line was wrong, or an account was rejected before a job existed. */
export const EXIT_USAGE = 2;
/** Interrupted with Ctrl-C (128 + SIGINT), the shell convention. */
export const EXIT_INTERRUPTED = 130;

/** `btsx migrate` succeeds only when the job completed and not one message failed. */
export function migrateExitCode(job: Pick<JobView, 'status' | 'counters'>): number {
  return job.status === 'completed' && job.counters.failed === 0 ? EXIT_OK : EXIT_FAILURE;
}
