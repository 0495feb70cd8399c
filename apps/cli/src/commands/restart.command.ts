import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { followJob } from '../follow-job';
import { restartPlan } from '../restart-plan';
import { finishedJobCommand, signInAgain } from './sign-in-again';

/** `btsx restart ID`: sign in to both accounts again, run the job again, follow it. */
export function restartCommand(): Command {
  return finishedJobCommand({
    name: 'restart',
    description: 'run a finished job again, with Replace Existing on (never duplicates)',
    exitStatus:
      "The restart is a new job with a new id; the exit status is the same as btsx migrate's.",
    run: restart,
  });
}

async function restart(api: ApiClient, originalId: string): Promise<number> {
  const logins = await signInAgain(api, restartPlan(await api.getJob(originalId)));
  const { id } = await api.restartJob(originalId, logins);
  return followJob(api, id, `Job ${originalId} restarted as job ${id}, with Replace Existing on.`);
}
