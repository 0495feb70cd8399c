import { ApiClient } from './api-client';
import { CommandOutput } from './command-output';
import { EXIT_INTERRUPTED, migrateExitCode } from './exit-code';
import { JobFollower } from './job-follower';
import { formatJobSummary } from './job-summary';
import { JobOutput } from './terminal';

/**
 * Prints where the job lives, follows its live status to the end, prints the summary (under
 * --json the job as the API shows it) and answers the exit status. Ctrl-C stops following,
 * never the job.
 */
export async function followJob(
  api: ApiClient,
  id: string,
  started: string,
  out: CommandOutput,
): Promise<number> {
  out.words.write(`${started}\nStatus page: ${api.jobPageUrl(id)}\n\n`);
  const output = new JobOutput(out.words);
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
    out.result(`\n${formatJobSummary(job)}\n`, job);
    return migrateExitCode(job);
  } finally {
    output.finish();
    process.off('SIGINT', stopOnCtrlC);
  }
}
