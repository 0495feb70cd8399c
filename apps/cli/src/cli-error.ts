import { EXIT_FAILURE } from './exit-code';

/** An error meant for the person at the terminal: its message is printed as is. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
