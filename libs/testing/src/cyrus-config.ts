import { join } from 'node:path';

export interface CyrusConfigInput {
  dir: string;
  port: number;
  imapd: string;
  admin: string;
  separator: '/' | '.';
}

/** The realm passwords are stored under and Cyrus looks them up in. */
export const CYRUS_REALM = 'localhost';

export const imapdConfPath = (dir: string): string => join(dir, 'imapd.conf');
export const cyrusConfPath = (dir: string): string => join(dir, 'cyrus.conf');
export const sasldbPath = (dir: string): string => join(dir, 'sasldb2');
/** Cyrus writes a file a running imapd here: "service host user mailbox". */
export const procDir = (dir: string): string => join(dir, 'config', 'proc');

/**
 * imapd.conf for one instance, everything in `dir`. Namespace settings are left at Cyrus
 * 3.x's defaults (altnamespace: yes, unixhierarchysep: yes) except the separator asked for.
 */
export function imapdConf(input: CyrusConfigInput): string {
  return [
    `configdirectory: ${join(input.dir, 'config')}`,
    `partition-default: ${join(input.dir, 'spool')}`,
    // Else choosing a partition for each new user calls srand(time(NULL)), and Debian's build
    // makes mailbox ids with rand(): two users created in the same second by two imapd
    // processes get the same id, so the same spool directory and the same messages.
    'defaultpartition: default',
    `servername: ${CYRUS_REALM}`,
    `admins: ${input.admin}`,
    // user@domain logins, the domain kept apart: else the SASL realm is the domain and
    // the password lookup fails, and '.' in a name would clash with the '.' separator.
    'virtdomains: userid',
    'sasl_pwcheck_method: auxprop',
    'sasl_auxprop_plugin: sasldb',
    `sasl_sasldb_path: ${sasldbPath(input.dir)}`,
    'sasl_mech_list: PLAIN LOGIN',
    'allowplaintext: yes',
    // Default 3 s after each failed login: wrong-password tests need not wait.
    'failedloginpause: 0',
    ...(input.separator === '.' ? ['unixhierarchysep: no'] : []),
    '',
  ].join('\n');
}

/**
 * cyrus.conf: only imapd. Each command needs -C: imapd does not inherit master's config.
 * One process preforked, so the first login does not wait for a fork.
 */
export function cyrusConf(input: CyrusConfigInput): string {
  return [
    'SERVICES {',
    `  imap cmd="${input.imapd} -C ${imapdConfPath(input.dir)}" listen="127.0.0.1:${input.port}" prefork=1`,
    '}',
    '',
  ].join('\n');
}
