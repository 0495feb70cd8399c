import type { JobOptions } from '@btsx/contracts';
import { Command } from 'commander';
import { AccountUrl, parseAccountUrl } from '../account-url';
import { ApiClient, ApiError } from '../api-client';
import { CliError } from '../cli-error';
import { EXIT_INTERRUPTED, EXIT_USAGE, migrateExitCode } from '../exit-code';
import { JobFollower } from '../job-follower';
import { formatJobSummary } from '../job-summary';
import { readPassword } from '../password';
import { JobOutput } from '../terminal';
import { apiClientFor } from './server-option';

interface MigrateOptions {
  from: string;
  to: string;
  deleteSource: boolean;
  foldersOnly: boolean;
  progress: boolean;
  replaceExisting: boolean;
  tlsInsecure: boolean;
}

const SOURCE_PASSWORD_ENV = 'BTSX_SOURCE_PASSWORD';
const DEST_PASSWORD_ENV = 'BTSX_DEST_PASSWORD';

/** `btsx migrate`: verify both accounts, start the job, follow it to its end. */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('move a mailbox from one IMAP account to another')
    .requiredOption('--from <url>', 'source account: imaps://USER@HOST[:PORT]')
    .requiredOption('--to <url>', 'destination account: imaps://USER@HOST[:PORT]')
    .option('--delete-source', 'delete each source message once the destination has it', false)
    .option('--folders-only', 'recreate the folder structure only, copy no message', false)
    .option('--progress', 'count messages first, to show a total and a percentage', false)
    .option('--replace-existing', 'skip messages already in the destination (by identity)', false)
    .option('--tls-insecure', 'accept self-signed server certificates (both accounts)', false)
    .addHelpText(
      'after',
      `
Schemes: imaps:// implicit TLS (port 993), imap:// STARTTLS (port 143),
         imap+plain:// no encryption (port 143; on-premise and test servers only).
Percent-encode an @ in the user name: imaps://alice%40example.com@imap.example.com
Passwords: ${SOURCE_PASSWORD_ENV} and ${DEST_PASSWORD_ENV}, or a hidden prompt.
Exit status: 0 when the job completed with no failed message, 1 otherwise,
             2 when an account was rejected or the command line is wrong.`,
    )
    .action(async (options: MigrateOptions, command: Command) => {
      process.exitCode = await migrate(apiClientFor(command), options);
    });
}

async function migrate(api: ApiClient, options: MigrateOptions): Promise<number> {
  const source = parseAccountUrl(options.from, '--from');
  const destination = parseAccountUrl(options.to, '--to');
  const sourcePassword = await readPassword(SOURCE_PASSWORD_ENV, 'source');
  const destPassword = await readPassword(DEST_PASSWORD_ENV, 'destination');

  const sourceCredentialId = await verify(api, 'Source', source, sourcePassword, options);
  const destinationCredentialId = await verify(
    api,
    'Destination',
    destination,
    destPassword,
    options,
  );

  const jobOptions: JobOptions = {
    deleteSource: options.deleteSource,
    foldersOnly: options.foldersOnly,
    progressUpdates: options.progress,
    replaceExisting: options.replaceExisting,
  };
  const { id } = await api.createJob({
    sourceCredentialId,
    destinationCredentialId,
    options: jobOptions,
  });
  process.stdout.write(`Job ${id} started.\nStatus page: ${api.jobPageUrl(id)}\n\n`);

  const output = new JobOutput();
  const stopOnCtrlC = (): void => {
    output.finish();
    output.notice(`\nStopped following. The job keeps running; "btsx cancel ${id}" stops it.`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', stopOnCtrlC);
  try {
    const job = await new JobFollower(api, {
      status: (line) => output.statusLine(line),
      progress: (event) => output.progress(event),
      reconnecting: (reason, delayMs) =>
        output.notice(
          `Connection lost (${reason}); reconnecting in ${(delayMs / 1000).toFixed(1)} s…`,
        ),
    }).follow(id);
    output.finish();
    process.stdout.write(`\n${formatJobSummary(job)}\n`);
    return migrateExitCode(job);
  } finally {
    output.finish();
    process.off('SIGINT', stopOnCtrlC);
  }
}

/** Logs in once through the server; the answer is an opaque credential id for the job. */
async function verify(
  api: ApiClient,
  label: 'Source' | 'Destination',
  account: AccountUrl,
  password: string,
  options: MigrateOptions,
): Promise<string> {
  try {
    const { credentialId } = await api.verifyImap({
      host: account.host,
      port: account.port,
      security: account.security,
      username: account.username,
      password,
      tlsInsecure: options.tlsInsecure,
    });
    return credentialId;
  } catch (err) {
    if (err instanceof ApiError)
      throw new CliError(`${label} account: ${err.describe()}`, EXIT_USAGE);
    throw err;
  }
}
