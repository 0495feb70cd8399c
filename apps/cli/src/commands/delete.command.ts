import { Command } from 'commander';
import { CommandOutput } from '../command-output';
import { EXIT_OK } from '../exit-code';
import { apiClientFor } from './server-option';

/** `btsx delete ID`: a finished job goes, with its records and audit, before its 7 days. */
export function deleteCommand(): Command {
  return new Command('delete')
    .description(
      'delete a finished job now, with its records and audit (a running one: cancel it first)',
    )
    .argument('<id>', 'job id, as printed by btsx migrate')
    .addHelpText('after', '\nWith --json, standard output is {"id": ID, "deleted": true}.')
    .action(async (id: string, _options: unknown, command: Command) => {
      await apiClientFor(command).deleteJob(id);
      CommandOutput.of(command).result(`Job ${id} deleted.\n`, { id, deleted: true });
      process.exitCode = EXIT_OK;
    });
}
