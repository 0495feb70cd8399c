import type { JobOptions } from '@btsx/contracts';
import {
  JOB_OPTION_TEXTS,
  parseByteRate,
  parseMessageRate,
  speedLimitsOption,
} from '@btsx/contracts/core';
import { Command, InvalidArgumentError } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { followJob } from '../follow-job';
import {
  JOB_CHOICES_HELP,
  type JobChoices,
  selectionOf,
  signInChosen,
  withJobChoices,
} from './job-choices';
import {
  type NotifyChoices,
  notifyRequestOf,
  webhookSecretWords,
  withNotifyOptions,
} from './notify-options';
import { apiClientFor } from './server-option';
import {
  createSchedule,
  SCHEDULE_HELP,
  type ScheduleChoices,
  withScheduleOptions,
} from './schedule-options';

interface MigrateOptions extends JobChoices, NotifyChoices, ScheduleChoices {
  deleteSource: boolean;
  foldersOnly: boolean;
  progress: boolean;
  /** The flag keeps the label the start page shows: Replace Existing. */
  replaceExisting: boolean;
  verify: boolean;
  maxRate?: number;
  maxMessagesPerSecond?: number;
}

function byteRate(value: string): number {
  const rate = parseByteRate(value);
  if (rate === undefined) throw new InvalidArgumentError(`'${value}' is no rate (5MB/s, 500KB/s)`);
  return rate;
}

function messageRate(value: string): number {
  const rate = parseMessageRate(value);
  if (rate === undefined) throw new InvalidArgumentError(`'${value}' is no whole number above 0`);
  return rate;
}

/** `btsx migrate`: verify both accounts, start the job, follow it to its end. */
export function migrateCommand(): Command {
  return withScheduleOptions(
    withNotifyOptions(
      withJobChoices(
        new Command('migrate').description('move a mailbox from one IMAP account to another'),
      ),
    ),
  )
    .option('--delete-source', JOB_OPTION_TEXTS.deleteSource.description, false)
    .option('--folders-only', JOB_OPTION_TEXTS.foldersOnly.description, false)
    .option('--progress', JOB_OPTION_TEXTS.progressUpdates.description, false)
    .option('--replace-existing', JOB_OPTION_TEXTS.reconcileExisting.description, false)
    .option(
      '--no-verify',
      `Turns off Verify (on by default). Verify: ${JOB_OPTION_TEXTS.verify.description}`,
    )
    .option('--max-rate <rate>', 'copy at most RATE of mail a second (5MB/s, 500KB/s)', byteRate)
    .option('--max-messages-per-second <n>', 'copy at most N messages a second', messageRate)
    .addHelpText(
      'after',
      `${JOB_CHOICES_HELP}
Speed limits hold per copier process; the providers' daily quotas (Gmail: 500 MB of uploads,
2,500 MB of downloads) are kept by BTSX whatever you choose.
${SCHEDULE_HELP}
To see first what the job would do, without writing anything: btsx plan (the same options).
With --json, standard output is the job as the API shows it once it ended.
Exit status: 0 when the job completed with no failed message, 1 otherwise,
             2 when an account was rejected or the command line is wrong.`,
    )
    .action(async (options: MigrateOptions, command: Command) => {
      process.exitCode = await migrate(apiClientFor(command), options, CommandOutput.of(command));
    });
}

async function migrate(
  api: ApiClient,
  options: MigrateOptions,
  out: CommandOutput,
): Promise<number> {
  const tokens = await signInChosen(api, options);
  const jobOptions: JobOptions = {
    deleteSource: options.deleteSource,
    foldersOnly: options.foldersOnly,
    progressUpdates: options.progress,
    reconcileExisting: options.replaceExisting,
    verify: options.verify,
    ...selectionOf(options),
    ...speedLimitsOption({
      bytesPerSecond: options.maxRate,
      messagesPerSecond: options.maxMessagesPerSecond,
    }),
  };
  const { every } = options;
  if (every !== undefined)
    return createSchedule(api, tokens, jobOptions, { ...options, every }, out);
  const notify = notifyRequestOf(options);
  const { id, webhookSecret } = await api.createJob({
    ...tokens,
    options: jobOptions,
    ...(notify && { notify }),
  });
  process.stderr.write(webhookSecretWords(webhookSecret));
  return followJob(api, id, `Job ${id} started.`, out);
}
