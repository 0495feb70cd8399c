import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { followJob } from '../follow-job';
import { restartPlan } from '../restart-plan';
import { finishedJobCommand, signInAgain } from './sign-in-again';

/** `btsx restart ID`: sign in to both accounts again, run the job again, follow it. */
export function restartCommand(): Command {
  return finishedJobCommand({
    name: 'restart',
    description: 'run a finished job again, with Replace Existing on (never duplicates)',
    exitStatus:
      "The restart is a new job with a new id; --json and the exit status are as btsx migrate's.",
    run: restart,
  });
}

async function restart(
  api: ApiClient,
  originalId: string,
  _options: object,
  out: CommandOutput,
): Promise<number> {
  const job = await api.getJob(originalId);
  const logins = await signInAgain(api, restartPlan(job, 'restart', api.jobPageUrl(originalId)));
  const { id } = await api.restartJob(originalId, logins);
  const started = `Job ${originalId} restarted as job ${id}, with Replace Existing on.`;
  return followJob(api, id, started, out);
}
