import type { JobOptions } from '@btsx/contracts';
import {
  filterDateProblem,
  type FolderMapRule,
  folderRulesOption,
  JOB_OPTION_TEXTS,
  messageFilterOption,
  parseFolderMapRule,
  parseMessageSize,
} from '@btsx/contracts/core';
import { Command, InvalidArgumentError } from 'commander';
import { parseAccountUrl } from '../account-url';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { followJob } from '../follow-job';
import { DEST_PASSWORD_ENV, readPassword, SOURCE_PASSWORD_ENV } from '../password';
import { signInBoth } from '../verify-account';
import { apiClientFor } from './server-option';

interface MigrateOptions {
  from: string;
  to: string;
  deleteSource: boolean;
  foldersOnly: boolean;
  progress: boolean;
  /** The flag keeps the label the start page shows: Replace Existing. */
  replaceExisting: boolean;
  verify: boolean;
  tlsInsecure: boolean;
  include: string[];
  exclude: string[];
  map: FolderMapRule[];
  since?: string;
  before?: string;
  maxSize?: number;
  skipDeleted: boolean;
}

/** A repeatable option's values, in the order given. */
const collect = (value: string, previous: string[]) => [...previous, value];

/** A repeatable --map's rules, in the order given (the server checks each one). */
function collectRule(value: string, previous: FolderMapRule[]): FolderMapRule[] {
  const rule = parseFolderMapRule(value);
  if (!rule) throw new InvalidArgumentError(`write a rule as 'FROM => TO', not '${value}'`);
  return [...previous, rule];
}

/** A --since or --before date, refused at once when it is none. */
function filterDate(bound: 'since' | 'before') {
  return (value: string): string => {
    const problem = filterDateProblem(bound, value);
    if (problem) throw new InvalidArgumentError(problem);
    return value;
  };
}

function messageSize(value: string): number {
  const bytes = parseMessageSize(value);
  if (bytes === undefined) throw new InvalidArgumentError(`'${value}' is no size (25MB, 500KB)`);
  return bytes;
}

/** `btsx migrate`: verify both accounts, start the job, follow it to its end. */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('move a mailbox from one IMAP account to another')
    .requiredOption('--from <url>', 'source account: imaps://USER@HOST[:PORT]')
    .requiredOption('--to <url>', 'destination account: imaps://USER@HOST[:PORT]')
    .option('--delete-source', JOB_OPTION_TEXTS.deleteSource.description, false)
    .option('--folders-only', JOB_OPTION_TEXTS.foldersOnly.description, false)
    .option('--progress', JOB_OPTION_TEXTS.progressUpdates.description, false)
    .option('--replace-existing', JOB_OPTION_TEXTS.reconcileExisting.description, false)
    .option(
      '--no-verify',
      `Turns off Verify (on by default). Verify: ${JOB_OPTION_TEXTS.verify.description}`,
    )
    .option(
      '--include <pattern>',
      'copy only the folders that match one --include (repeatable)',
      collect,
      [],
    )
    .option('--exclude <pattern>', 'leave out the folders that match (repeatable)', collect, [])
    .option(
      '--map <rule>',
      "send the folders that match FROM to TO: 'FROM => TO' (repeatable; the first that matches wins)",
      collectRule,
      [],
    )
    .option(
      '--since <date>',
      'copy only messages received on or after DATE (2024-01-31: midnight UTC)',
      filterDate('since'),
    )
    .option('--before <date>', 'copy only messages received before DATE', filterDate('before'))
    .option('--max-size <size>', 'leave out messages larger than SIZE (25MB, 500KB)', messageSize)
    .option('--skip-deleted', 'leave out messages flagged \\Deleted', false)
    .option('--tls-insecure', 'accept self-signed server certificates (both accounts)', false)
    .addHelpText(
      'after',
      `
Schemes: imaps:// implicit TLS (port 993), imap:// STARTTLS (port 143),
         imap+plain:// no encryption (port 143; on-premise and test servers only).
Percent-encode an @ in the user name: imaps://alice%40example.com@imap.example.com
Folder patterns: paths inside the account's own folders, "/" between levels on any server;
         * any characters in one level, ** any levels (Projects/** is Projects and all
         under it), \\Trash the folder the server marks as Trash; case is ignored.
         btsx migrate ... --exclude '\\Junk' --exclude 'Archive/**'
Folder rules: $1, $2... in TO stand for what FROM's wildcards took; a folder under a mapped
         one follows it. Two folders onto one, or into another namespace, fail the job.
         btsx migrate ... --map 'Old Stuff => Archive/2019' --map '** => Imported/$1'
Message filters: dates are when the server received a message (INTERNALDATE); a date with a
         time and offset is taken as given (2024-01-31T00:00:00+01:00). Messages left out
         are counted as filtered, never as missing.
         btsx migrate ... --since 2024-01-01 --max-size 25MB --skip-deleted
Passwords: ${SOURCE_PASSWORD_ENV} and ${DEST_PASSWORD_ENV}, or a hidden prompt.
With --json, standard output is the job as the API shows it once it ended.
Exit status: 0 when the job completed with no failed message, 1 otherwise,
             2 when an account was rejected or the command line is wrong.`,
    )
    .action(async (options: MigrateOptions, command: Command) => {
      process.exitCode = await migrate(apiClientFor(command), options, CommandOutput.of(command));
    });
}

async function migrate(
  api: ApiClient,
  options: MigrateOptions,
  out: CommandOutput,
): Promise<number> {
  const source = parseAccountUrl(options.from, '--from');
  const destination = parseAccountUrl(options.to, '--to');
  const sourcePassword = await readPassword(SOURCE_PASSWORD_ENV, 'source');
  const destPassword = await readPassword(DEST_PASSWORD_ENV, 'destination');

  const { tlsInsecure } = options;
  const tokens = await signInBoth(
    api,
    { account: source, password: sourcePassword, tlsInsecure },
    { account: destination, password: destPassword, tlsInsecure },
  );

  const jobOptions: JobOptions = {
    deleteSource: options.deleteSource,
    foldersOnly: options.foldersOnly,
    progressUpdates: options.progress,
    reconcileExisting: options.replaceExisting,
    verify: options.verify,
    ...folderRulesOption(options),
    ...messageFilterOption({
      since: options.since,
      before: options.before,
      maxBytes: options.maxSize,
      skipDeleted: options.skipDeleted,
    }),
  };
  const { id } = await api.createJob({ ...tokens, options: jobOptions });
  return followJob(api, id, `Job ${id} started.`, out);
}
