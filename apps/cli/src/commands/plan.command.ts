import type { JobOptions } from '@btsx/contracts';
import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { EXIT_OK } from '../exit-code';
import { formatPlan } from '../plan-summary';
import {
  JOB_CHOICES_HELP,
  type JobChoices,
  selectionOf,
  signInChosen,
  withJobChoices,
} from './job-choices';
import { apiClientFor } from './server-option';

interface PlanOptions extends JobChoices {
  foldersOnly: boolean;
}

/** `btsx plan`: what `btsx migrate` with the same options would do, writing nothing. */
export function planCommand(): Command {
  return withJobChoices(
    new Command('plan').description(
      'show what a migration would copy, and how long it would take, without writing anything',
    ),
  )
    .option('--folders-only', 'plan the folders only, as migrate --folders-only would', false)
    .addHelpText(
      'after',
      `${JOB_CHOICES_HELP}
Both accounts are signed in to and read; neither is written to.
With --json, standard output is the plan as the API answers it.
Exit status: 0 with the plan, 1 when the server refuses to plan (a rule that cannot be
             followed, an account that refuses), 2 when an account was rejected or the
             command line is wrong.`,
    )
    .action(async (options: PlanOptions, command: Command) => {
      process.exitCode = await plan(apiClientFor(command), options, CommandOutput.of(command));
    });
}

async function plan(api: ApiClient, options: PlanOptions, out: CommandOutput): Promise<number> {
  const tokens = await signInChosen(api, options);
  out.words.write('Reading both mailboxes…\n');
  // Only what selects folders and messages shapes a plan; the rest is the job's to choose.
  const jobOptions: JobOptions = {
    deleteSource: false,
    foldersOnly: options.foldersOnly,
    progressUpdates: false,
    reconcileExisting: false,
    ...selectionOf(options),
  };
  const view = await api.planJob({ ...tokens, options: jobOptions });
  out.result(formatPlan(view), view);
  return EXIT_OK;
}
