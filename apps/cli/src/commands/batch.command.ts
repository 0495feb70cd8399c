import { readFile } from 'node:fs/promises';
import type { BatchAction } from '@btsx/contracts/core';
import { Command, InvalidArgumentError } from 'commander';
import { ApiError } from '../api-client';
import { CliError } from '../cli-error';
import { CommandOutput } from '../command-output';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-code';
import { adminTokenOption, batchClientFor } from './batch-api-client';
import { formatBatchSummary } from './batch-summary';
import { webhookSecretWords, withNotifyOptions } from './notify-options';
import { batchScheduleFieldsOf, ScheduleChoices, withScheduleOptions } from './schedule-options';

/** What `btsx batch import` takes besides the file. */
interface ImportChoices extends ScheduleChoices {
  name?: string;
  concurrency?: number;
  perHostLimit?: number;
  notifyEmail?: string;
  notifyWebhook?: string;
}

const BATCH_SCHEDULE_HELP = `
With --every, the batch runs on a schedule: every line at --start-at (or now), then a delta
pass of every line each interval (once the pass before ended) until "btsx batch final ID" or
--ends-at (90 days at most); its stored passwords are discarded then.`;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

/** What each action on a batch does, and how its answer reads. */
const BATCH_ACTIONS: Record<
  BatchAction,
  { description: string; done: (affected: number) => string }
> = {
  pause: {
    description: 'start no new job of the batch; running jobs go on to their end',
    done: () => 'paused, no new job starts',
  },
  resume: {
    description: 'start the jobs of a paused batch again',
    done: () => 'resumed',
  },
  cancel: {
    description:
      'cancel the batch: waiting jobs never run, running ones stop, passwords are discarded',
    done: (n) => `cancelled, ${n} running job(s) stopped`,
  },
  retry: {
    description: 'run the failed, partly failed and cancelled jobs again, with Replace Existing',
    done: (n) => `${n} job(s) queued again`,
  },
  delta: {
    description:
      'once every job ended, run them all again to copy what arrived since (no duplicates)',
    done: (n) => `delta pass queued for ${n} job(s)`,
  },
  final: {
    description:
      "a scheduled batch's final pass once the current pass ended (or now); then the schedule ends and the passwords are discarded",
    done: () => 'final pass asked for',
  },
};

/** `btsx batch ...`: the admin's bulk migrations, with an API token. */
export function batchCommand(): Command {
  const batch = new Command('batch')
    .description('bulk migrations from a CSV (needs an admin API token)')
    .addOption(adminTokenOption());
  const importCommand = batch
    .command('import')
    .description('import a CSV of mailbox pairs as a batch; every row is checked first')
    .argument('<file>', 'the CSV (see docs/admin.md for the columns)')
    .option('--name <name>', 'a name for the dashboard')
    .option('--concurrency <n>', 'jobs of the batch at once', positiveInt)
    .option('--per-host-limit <n>', 'jobs of the batch per mail host at once', positiveInt);
  withScheduleOptions(withNotifyOptions(importCommand)).addHelpText('after', BATCH_SCHEDULE_HELP);
  importCommand.action(async (file: string, options: ImportChoices, command: Command) => {
    const api = batchClientFor(command);
    const csv = await readFile(file, 'utf8').catch((err: Error) => {
      throw new CliError(`Cannot read ${file}: ${err.message}`, EXIT_USAGE);
    });
    const { name, concurrency, perHostLimit, notifyEmail, notifyWebhook } = options;
    const query = {
      ...{ name, concurrency, perHostLimit, notifyEmail, notifyWebhook },
      ...batchScheduleFieldsOf(options),
    };
    const imported = await api.importCsv(csv, query).catch(refusedRows);
    const words =
      `Batch ${imported.id} imported: ${imported.rows} mailbox pairs\n` +
      `Dashboard: ${api.dashboardUrl(imported.id)}\n` +
      webhookSecretWords(imported.webhookSecret);
    CommandOutput.of(command).result(words, imported);
    process.exitCode = EXIT_OK;
  });
  batch
    .command('status')
    .description('show where a batch stands')
    .argument('<id>', 'batch id, as printed by btsx batch import')
    .action(async (id: string, _options: unknown, command: Command) => {
      const view = await batchClientFor(command).getBatch(id);
      CommandOutput.of(command).result(`${formatBatchSummary(view)}\n`, view);
      process.exitCode = view.state === 'completed' && !view.totals.failed ? EXIT_OK : EXIT_FAILURE;
    });
  batch
    .command('report')
    .description('write the CSV report of every job of a batch to standard output')
    .argument('<id>', 'batch id')
    .addHelpText('after', '\nWith --json, every mailbox pair of the batch as the API shows it.')
    .action(async (id: string, _options: unknown, command: Command) => {
      const api = batchClientFor(command);
      const out = CommandOutput.of(command);
      if (out.json) out.result('', await api.items(id));
      else process.stdout.write(await api.reportCsv(id));
      process.exitCode = EXIT_OK;
    });
  for (const [action, { description, done }] of Object.entries(BATCH_ACTIONS)) {
    batch
      .command(action)
      .description(description)
      .argument('<id>', 'batch id')
      .action(async (id: string, _options: unknown, command: Command) => {
        const answer = await batchClientFor(command).act(id, action as BatchAction);
        const words = `Batch ${id}: ${done(answer.affected)}.\n`;
        CommandOutput.of(command).result(words, { id, action, ...answer });
        process.exitCode = EXIT_OK;
      });
  }
  batch
    .command('delete')
    .description('delete a batch with nothing running, and its stored passwords; its jobs stay')
    .argument('<id>', 'batch id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await batchClientFor(command).deleteBatch(id);
      CommandOutput.of(command).result(`Batch ${id} deleted.\n`, { id, deleted: true });
      process.exitCode = EXIT_OK;
    });
  return batch;
}

/** A refused CSV: one line per problem, so a long list stays readable. */
function refusedRows(err: unknown): never {
  if (err instanceof ApiError && err.statusCode === 400 && err.details.length > 0) {
    throw new CliError(`${err.message}\n  ${err.details.join('\n  ')}`, EXIT_USAGE);
  }
  throw err;
}
