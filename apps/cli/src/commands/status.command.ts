import { Command } from 'commander';
import { EXIT_OK } from '../exit-code';
import { formatJobSummary } from '../job-summary';
import { apiClientFor } from './server-option';

/** `btsx status ID`: where a job stands, now. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the status and counters of a job')
    .argument('<id>', 'job id, as printed by btsx migrate')
    .action(async (id: string, _options: unknown, command: Command) => {
      const api = apiClientFor(command);
      const job = await api.getJob(id);
      process.stdout.write(`${formatJobSummary(job)}\nStatus page:  ${api.jobPageUrl(id)}\n`);
      process.exitCode = EXIT_OK;
    });
}
