import { Command } from 'commander';
import { CommandOutput } from '../command-output';
import { apiClientFor } from './server-option';

/** `btsx cancel ID`: asks the server to stop a job; copiers stop within seconds. */
export function cancelCommand(): Command {
  return new Command('cancel')
    .description('cancel a running job')
    .argument('<id>', 'job id, as printed by btsx migrate')
    .action(async (id: string, _options: unknown, command: Command) => {
      const api = apiClientFor(command);
      const job = await api.cancelJob(id);
      const words = `Cancel requested for job ${id}.\nStatus page: ${api.jobPageUrl(id)}\n`;
      CommandOutput.of(command).result(words, job);
    });
}
