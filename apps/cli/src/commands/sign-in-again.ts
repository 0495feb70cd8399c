import type { RestartJobRequest } from '@btsx/contracts';
import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { DEST_PASSWORD_ENV, readPassword, SOURCE_PASSWORD_ENV } from '../password';
import { RestartPlan } from '../restart-plan';
import { verifyAccount } from '../verify-account';
import { apiClientFor } from './server-option';

export interface FinishedJobCommand {
  name: string;
  description: string;
  /** The last line of the help: what the command's exit status says. */
  exitStatus: string;
  /** Does the work and answers the exit status. */
  run: (api: ApiClient, id: string) => Promise<number>;
}

/** A command on one finished job whose accounts sign in again (restart, verify). */
export function finishedJobCommand({
  name,
  description,
  exitStatus,
  run,
}: FinishedJobCommand): Command {
  return new Command(name)
    .description(description)
    .argument('<id>', 'job id, as printed by btsx migrate')
    .addHelpText(
      'after',
      `
The job's passwords were deleted when it ended: both accounts sign in again.
Passwords: ${SOURCE_PASSWORD_ENV} and ${DEST_PASSWORD_ENV}, or a hidden prompt.
${exitStatus}`,
    )
    .action(async (id: string, _options: unknown, command: Command) => {
      process.exitCode = await run(apiClientFor(command), id);
    });
}

/** A finished job's passwords were purged: both accounts sign in again. */
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
