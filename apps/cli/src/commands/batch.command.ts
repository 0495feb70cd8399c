import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { ApiError } from '../api-client';
import { CliError } from '../cli-error';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-code';
import { adminTokenOption, batchClientFor } from './batch-api-client';
import { formatBatchSummary } from './batch-summary';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

/** `btsx batch import|status|report`: the admin's bulk migrations, with an API token. */
export function batchCommand(): Command {
  const batch = new Command('batch')
    .description('bulk migrations from a CSV (needs an admin API token)')
    .addOption(adminTokenOption());
  batch
    .command('import')
    .description('import a CSV of mailbox pairs as a batch; every row is checked first')
    .argument('<file>', 'the CSV (see docs/admin.md for the columns)')
    .option('--name <name>', 'a name for the dashboard')
    .option('--concurrency <n>', 'jobs of the batch at once', positiveInt)
    .option('--per-host-limit <n>', 'jobs of the batch per mail host at once', positiveInt)
    .action(async (file: string, options: Record<string, unknown>, command: Command) => {
      const api = batchClientFor(command);
      const csv = await readFile(file, 'utf8').catch((err: Error) => {
        throw new CliError(`Cannot read ${file}: ${err.message}`, EXIT_USAGE);
      });
      const imported = await api.importCsv(csv, options).catch(refusedRows);
      process.stdout.write(
        `Batch ${imported.id} imported: ${imported.rows} mailbox pairs\n` +
          `Dashboard: ${api.dashboardUrl(imported.id)}\n`,
      );
      process.exitCode = EXIT_OK;
    });
  batch
    .command('status')
    .description('show where a batch stands')
    .argument('<id>', 'batch id, as printed by btsx batch import')
    .action(async (id: string, _options: unknown, command: Command) => {
      const view = await batchClientFor(command).getBatch(id);
      process.stdout.write(`${formatBatchSummary(view)}\n`);
      process.exitCode = view.state === 'completed' && !view.totals.failed ? EXIT_OK : EXIT_FAILURE;
    });
  batch
    .command('report')
    .description('write the CSV report of every job of a batch to standard output')
    .argument('<id>', 'batch id')
    .action(async (id: string, _options: unknown, command: Command) => {
      process.stdout.write(await batchClientFor(command).reportCsv(id));
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
