import { CliError } from './cli-error';
import { EXIT_USAGE, EXIT_INTERRUPTED } from './exit-code';

/** Where the two accounts' passwords may come from instead of a prompt. */
export const SOURCE_PASSWORD_ENV = 'BTSX_SOURCE_PASSWORD';
export const DEST_PASSWORD_ENV = 'BTSX_DEST_PASSWORD';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = ['\u007f', '\b'];

/**
 * The password of one account: from its environment variable, else typed at a hidden prompt
 * when a person is at a terminal. It is only ever sent to the server, never printed.
 */
export async function readPassword(envName: string, accountLabel: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CliError(
      `No password for the ${accountLabel} account: set ${envName}, or run btsx in a terminal to be asked for it.`,
      EXIT_USAGE,
    );
  }
  const password = await promptHidden(`Password for the ${accountLabel} account: `);
  if (!password)
    throw new CliError(`No password given for the ${accountLabel} account.`, EXIT_USAGE);
  return password;
}

/** Reads one line from the terminal in raw mode, so that nothing typed is echoed. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();

  return new Promise((resolve) => {
    let value = '';
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === CTRL_D) {
          done();
          resolve(value);
          return;
        }
        if (ch === CTRL_C) {
          done();
          process.exit(EXIT_INTERRUPTED);
        }
        if (BACKSPACE.includes(ch)) value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
