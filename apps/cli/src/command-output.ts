import type { Command } from 'commander';

/**
 * Where a command's result goes. Normally words for a person on standard output; with the
 * global --json, standard output carries one JSON document (what the API answered) and the
 * words go to standard error, so a script can pipe the result whatever else is said.
 */
export class CommandOutput {
  constructor(readonly json: boolean) {}

  static of(command: Command): CommandOutput {
    return new CommandOutput(command.optsWithGlobals<{ json?: boolean }>().json === true);
  }

  /** Where words for a person go: never mixed into the JSON. */
  get words(): NodeJS.WriteStream {
    return this.json ? process.stderr : process.stdout;
  }

  /** The command's result: `data` as JSON under --json, else `words`. */
  result(words: string, data: unknown): void {
    if (this.json) process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    else process.stdout.write(words);
  }
}
