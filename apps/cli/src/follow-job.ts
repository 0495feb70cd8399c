import { ApiClient } from './api-client';
import { EXIT_INTERRUPTED, migrateExitCode } from './exit-code';
import { JobFollower } from './job-follower';
import { formatJobSummary } from './job-summary';
import { JobOutput } from './terminal';

/**
 * Prints where the job lives, follows its live status to the end, prints the summary and
 * answers the exit status. Ctrl-C stops following, never the job.
 */
export async function followJob(api: ApiClient, id: string, started: string): Promise<number> {
  process.stdout.write(`${started}\nStatus page: ${api.jobPageUrl(id)}\n\n`);
  const output = new JobOutput();
  const stopOnCtrlC = (): void => {
    output.finish();
    output.notice(`\nStopped following. The job keeps running; "btsx cancel ${id}" stops it.`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', stopOnCtrlC);
  try {
    const job = await new JobFollower(api, {
      status: (line) => output.statusLine(line),
      progress: (event) => output.progress(event),
      reconnecting: (reason, delayMs) =>
        output.notice(
          `Connection lost (${reason}); reconnecting in ${(delayMs / 1000).toFixed(1)} s…`,
        ),
    }).follow(id);
    output.finish();
    process.stdout.write(`\n${formatJobSummary(job)}\n`);
    return migrateExitCode(job);
  } finally {
    output.finish();
    process.off('SIGINT', stopOnCtrlC);
  }
}
