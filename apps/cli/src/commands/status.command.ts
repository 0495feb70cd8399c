import { Command } from 'commander';
import { CommandOutput } from '../command-output';
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
      const words = `${formatJobSummary(job)}\nStatus page:  ${api.jobPageUrl(id)}\n`;
      CommandOutput.of(command).result(words, job);
      process.exitCode = EXIT_OK;
    });
}
