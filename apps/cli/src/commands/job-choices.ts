import type { CredentialPair, JobOptions } from '@btsx/contracts';
import {
  filterDateProblem,
  type FolderMapRule,
  folderRulesOption,
  messageFilterOption,
  parseFolderMapRule,
  parseMessageSize,
} from '@btsx/contracts/core';
import { type Command, InvalidArgumentError } from 'commander';
import { parseAccountUrl } from '../account-url';
import type { ApiClient } from '../api-client';
import { DEST_PASSWORD_ENV, readPassword, SOURCE_PASSWORD_ENV } from '../password';
import { signInBoth } from '../verify-account';

/** The two accounts and what of the source a job takes: what `migrate` and `plan` share. */
export interface JobChoices {
  from: string;
  to: string;
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

/** --from, --to, the folder selection and rules, the message filters and --tls-insecure. */
export function withJobChoices(command: Command): Command {
  return command
    .requiredOption('--from <url>', 'source account: imaps://USER@HOST[:PORT]')
    .requiredOption('--to <url>', 'destination account: imaps://USER@HOST[:PORT]')
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
    .option('--tls-insecure', 'accept self-signed server certificates (both accounts)', false);
}

/** The help that explains the shared choices, for the end of a command's help. */
export const JOB_CHOICES_HELP = `
Schemes: imaps:// implicit TLS (port 993), imap:// STARTTLS (port 143),
         imap+plain:// no encryption (port 143; on-premise and test servers only).
Percent-encode an @ in the user name: imaps://alice%40example.com@imap.example.com
Folder patterns: paths inside the account's own folders, "/" between levels on any server;
         * any characters in one level, ** any levels (Projects/** is Projects and all
         under it), \\Trash the folder the server marks as Trash; case is ignored.
         --exclude '\\Junk' --exclude 'Archive/**'
Folder rules: $1, $2... in TO stand for what FROM's wildcards took; a folder under a mapped
         one follows it. Two folders onto one, or into another namespace, fail the job.
         --map 'Old Stuff => Archive/2019' --map '** => Imported/$1'
Message filters: dates are when the server received a message (INTERNALDATE); a date with a
         time and offset is taken as given (2024-01-31T00:00:00+01:00). Messages left out
         are counted as filtered, never as missing.
         --since 2024-01-01 --max-size 25MB --skip-deleted
Passwords: ${SOURCE_PASSWORD_ENV} and ${DEST_PASSWORD_ENV}, or a hidden prompt.`;

/** Which folders and messages the choices select, as JobOptions has them. */
export function selectionOf(choices: JobChoices): Pick<JobOptions, 'folders' | 'messages'> {
  return {
    ...folderRulesOption(choices),
    ...messageFilterOption({
      since: choices.since,
      before: choices.before,
      maxBytes: choices.maxSize,
      skipDeleted: choices.skipDeleted,
    }),
  };
}

/** Both accounts read from the command line and the passwords, signed in at once. */
export async function signInChosen(api: ApiClient, choices: JobChoices): Promise<CredentialPair> {
  const source = parseAccountUrl(choices.from, '--from');
  const destination = parseAccountUrl(choices.to, '--to');
  const sourcePassword = await readPassword(SOURCE_PASSWORD_ENV, 'source');
  const destPassword = await readPassword(DEST_PASSWORD_ENV, 'destination');
  const { tlsInsecure } = choices;
  return signInBoth(
    api,
    { account: source, password: sourcePassword, tlsInsecure },
    { account: destination, password: destPassword, tlsInsecure },
  );
}
