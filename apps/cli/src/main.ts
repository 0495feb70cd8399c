import { Command, CommanderError } from 'commander';
import { ApiError } from './api-client';
import { CliError } from './cli-error';
import { batchCommand } from './commands/batch.command';
import { cancelCommand } from './commands/cancel.command';
import { deleteCommand } from './commands/delete.command';
import { migrateCommand } from './commands/migrate.command';
import { planCommand } from './commands/plan.command';
import { restartCommand } from './commands/restart.command';
import { scheduleCommand } from './commands/schedule.command';
import { serverOption } from './commands/server-option';
import { statusCommand } from './commands/status.command';
import { verifyCommand } from './commands/verify.command';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-code';

function buildProgram(): Command {
  const program = new Command('btsx')
    .description('BTSX — move a mailbox between mail hosts, through a BTSX server')
    .addOption(serverOption())
    .option(
      '--json',
      'print the result as one JSON document on standard output (everything else on standard error)',
    )
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride();
  for (const command of [
    planCommand(),
    migrateCommand(),
    restartCommand(),
    scheduleCommand(),
    verifyCommand(),
    statusCommand(),
    cancelCommand(),
    deleteCommand(),
    batchCommand(),
  ]) {
    // Help layout and exitOverride must reach the subcommands too.
    program.addCommand(command.copyInheritedSettings(program));
    for (const sub of command.commands) sub.copyInheritedSettings(command);
  }
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

/** Prints what went wrong in one line and picks the exit status. */
function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander printed the message (or the help) already.
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof CliError) {
    process.stderr.write(`btsx: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof ApiError) {
    process.stderr.write(`btsx: the server answered ${err.statusCode}: ${err.describe()}\n`);
    return EXIT_FAILURE;
  }
  process.stderr.write(
    `btsx: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  return EXIT_FAILURE;
}

void main(process.argv);
