import type { RestartJobRequest } from '@btsx/contracts';
import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { followJob } from '../follow-job';
import { DEST_PASSWORD_ENV, readPassword, SOURCE_PASSWORD_ENV } from '../password';
import { RestartPlan, restartPlan } from '../restart-plan';
import { verifyAccount } from '../verify-account';
import { apiClientFor } from './server-option';

/** `btsx restart ID`: sign in to both accounts again, run the job again, follow it. */
export function restartCommand(): Command {
  return new Command('restart')
    .description('run a finished job again, with Replace Existing on (never duplicates)')
    .argument('<id>', 'job id, as printed by btsx migrate')
    .addHelpText(
      'after',
      `
The job's passwords were deleted when it ended: both accounts sign in again.
Passwords: ${SOURCE_PASSWORD_ENV} and ${DEST_PASSWORD_ENV}, or a hidden prompt.
The restart is a new job with a new id; the exit status is the same as btsx migrate's.`,
    )
    .action(async (id: string, _options: unknown, command: Command) => {
      process.exitCode = await restart(apiClientFor(command), id);
    });
}

async function restart(api: ApiClient, originalId: string): Promise<number> {
  const logins = await signInAgain(api, restartPlan(await api.getJob(originalId)));
  const { id } = await api.restartJob(originalId, logins);
  return followJob(api, id, `Job ${originalId} restarted as job ${id}, with Replace Existing on.`);
}

/** A finished job's passwords were purged: both accounts sign in again (restart, verify). */
export async function signInAgain(
  api: ApiClient,
  { source, destination }: RestartPlan,
): Promise<RestartJobRequest> {
  const sourcePassword = await readPassword(SOURCE_PASSWORD_ENV, 'source');
  const destPassword = await readPassword(DEST_PASSWORD_ENV, 'destination');
  const sourceCredentialId = await verifyAccount(
    api,
    'Source',
    source.account,
    sourcePassword,
    source.tlsInsecure,
  );
  const destinationCredentialId = await verifyAccount(
    api,
    'Destination',
    destination.account,
    destPassword,
    destination.tlsInsecure,
  );
  return { sourceCredentialId, destinationCredentialId };
}
