import type { RestartJobRequest } from '@btsx/contracts';
import { Command, Option } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { DEST_PASSWORD_ENV, readPassword, SOURCE_PASSWORD_ENV } from '../password';
import { RestartPlan } from '../restart-plan';
import { signInBoth } from '../verify-account';
import { apiClientFor } from './server-option';

export interface FinishedJobCommand<O extends object> {
  name: string;
  description: string;
  /** The command's own options; commander hands their values to `run`. */
  options?: Option[];
  /** The last lines of the help: what else to know, and what the exit status says. */
  exitStatus: string;
  /** Does the work and answers the exit status. */
  run: (api: ApiClient, id: string, options: O, out: CommandOutput) => Promise<number>;
}

/** A command on one finished job whose accounts sign in again (restart, verify). */
export function finishedJobCommand<O extends object = object>({
  name,
  description,
  options = [],
  exitStatus,
  run,
}: FinishedJobCommand<O>): Command {
  const command = new Command(name)
    .description(description)
    .argument('<id>', 'job id, as printed by btsx migrate');
  for (const option of options) command.addOption(option);
  return command
    .addHelpText(
      'after',
      `
The job's passwords were deleted when it ended: both accounts sign in again.
Passwords: ${SOURCE_PASSWORD_ENV} and ${DEST_PASSWORD_ENV}, or a hidden prompt.
A job with an account signed in with Google or Microsoft 365 needs the provider's
sign-in in a browser: ${name} it from its status page.
${exitStatus}`,
    )
    .action(async (id: string, values: O, command: Command) => {
      process.exitCode = await run(apiClientFor(command), id, values, CommandOutput.of(command));
    });
}

/** A finished job's passwords were purged: both accounts sign in again. */
export async function signInAgain(
  api: ApiClient,
  { source, destination }: RestartPlan,
): Promise<RestartJobRequest> {
  const sourcePassword = await readPassword(SOURCE_PASSWORD_ENV, 'source');
  const destPassword = await readPassword(DEST_PASSWORD_ENV, 'destination');
  return signInBoth(
    api,
    { ...source, password: sourcePassword },
    { ...destination, password: destPassword },
  );
}
