import { Command, Option } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { followJob } from '../follow-job';
import { restartPlan } from '../restart-plan';
import { finishedJobCommand, signInAgain } from './sign-in-again';

interface RestartOptions {
  delta: boolean;
}

/** `btsx restart ID [--delta]`: sign in to both accounts again, run the job again, follow it. */
export function restartCommand(): Command {
  return finishedJobCommand<RestartOptions>({
    name: 'restart',
    description: 'run a finished job again, with Replace Existing on (never duplicates)',
    options: [
      new Option(
        '--delta',
        'a delta pass: copy only what changed at the source since that job (new messages, changed flags)',
      ).default(false),
    ],
    exitStatus:
      "The restart is a new job with a new id; --json and the exit status are as btsx migrate's.",
    run: restart,
  });
}

async function restart(
  api: ApiClient,
  originalId: string,
  options: RestartOptions,
  out: CommandOutput,
): Promise<number> {
  const job = await api.getJob(originalId);
  const logins = await signInAgain(api, restartPlan(job, 'restart', api.jobPageUrl(originalId)));
  const { id } = await api.restartJob(originalId, { ...logins, delta: options.delta });
  const started = options.delta
    ? `Delta pass of job ${originalId} started as job ${id}: only what changed since.`
    : `Job ${originalId} restarted as job ${id}, with Replace Existing on.`;
  return followJob(api, id, started, out);
}
