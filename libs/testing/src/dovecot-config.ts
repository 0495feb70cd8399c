import { join } from 'node:path';
import { toServerPath } from './logical-path';
import type { SpecialUseFolders } from './special-use';
import { gmailNamespaceBlocks } from './dovecot-gmail-layout';

export interface DovecotConfigInput {
  dir: string;
  instanceName: string;
  port: number;
  /** Implicit-TLS port; 0 disables the listener. */
  tlsPort: number;
  tls?: { certPath: string; keyPath: string };
  separator: '/' | '.';
  /** The inbox namespace's prefix: '' or 'INBOX.' (folders under INBOX). */
  namespacePrefix: '' | 'INBOX.';
  specialUse: SpecialUseFolders;
  /** Larger APPENDs are refused (the quota plugin's quota_max_mail_size): a server that says no. */
  maxMessageBytes?: number;
  /** The limit is also in CAPABILITY, as APPENDLIMIT=n. */
  announcesAppendLimit?: boolean;
  /** Gmail's layout: labels as folders, [Gmail]/* virtual folders (see dovecot-gmail-layout). */
  gmailLayout?: boolean;
  /** How mail is stored (DovecotOptions.mailFormat); maildir unless said. */
  mailFormat?: 'maildir' | 'mdbox';
  /** OAuth mode: the oauth2 passdb (settings file at this path) replaces the passwd file. */
  oauth2?: { settingsPath: string; mechanisms?: readonly OAuthMechanism[] };
  /** Who runs the server: as root mail runs as `dovecot`; otherwise everything runs as us. */
  identity: { root: true } | { root: false; user: string; group: string };
}

export const passwdDir = (dir: string): string => join(dir, 'passwd');
export const mailRoot = (dir: string): string => join(dir, 'mail');
export const logPath = (dir: string): string => join(dir, 'dovecot.log');

// Dovecot's parser needs every `{` block on lines of its own ("Garbage after '{'").
function block(header: string, lines: string[]): string[] {
  return [`${header} {`, ...lines.map((line) => `  ${line}`), '}'];
}

function identityLines(identity: DovecotConfigInput['identity']): string[] {
  if (identity.root) return ['mail_uid = dovecot', 'mail_gid = dovecot'];
  return [
    `default_internal_user = ${identity.user}`,
    `default_internal_group = ${identity.group}`,
    `default_login_user = ${identity.user}`,
  ];
}

function specialUseBlocks(input: DovecotConfigInput): string[] {
  return Object.entries(input.specialUse).flatMap(([attribute, name]) =>
    block(`mailbox "${toServerPath(name, input.separator)}"`, [
      `special_use = ${attribute}`,
      'auto = subscribe',
    ]),
  );
}

function maxMessageSizeLines(maxMessageBytes: number | undefined, announced: boolean): string[] {
  if (maxMessageBytes === undefined) return [];
  // Dovecot enforces the limit without saying it; RFC 7889 servers (Cyrus) advertise theirs.
  const announcement = announced ? [`imap_capability = +APPENDLIMIT=${maxMessageBytes}`] : [];
  return [
    'mail_plugins = $mail_plugins quota',
    ...block('plugin', ['quota = maildir:User quota', `quota_max_mail_size = ${maxMessageBytes}B`]),
    ...announcement,
  ];
}

export interface DovecotOAuth2Settings {
  /** The authorization server's RFC 7662 endpoint. */
  introspectionUrl: string;
  /** The client Dovecot authenticates as when it calls introspection. */
  clientId: string;
  clientSecret: string;
  /**
   * The SASL mechanisms offered: all three unless said. Microsoft 365 offers XOAUTH2 and no
   * OAUTHBEARER; PLAIN (LOGIN with the token as password) is how the tests seed the mailbox.
   */
  mechanisms?: readonly OAuthMechanism[];
}

export type OAuthMechanism = 'xoauth2' | 'oauthbearer' | 'plain';
const OAUTH_MECHANISMS: readonly OAuthMechanism[] = ['xoauth2', 'oauthbearer', 'plain'];

/** Dovecot's oauth2 passdb settings file: tokens are checked by introspection, per login. */
export function dovecotOAuth2Settings(settings: DovecotOAuth2Settings): string {
  // Dovecot sends HTTP basic credentials taken from the URL's userinfo part.
  const url = new URL(settings.introspectionUrl);
  url.username = encodeURIComponent(settings.clientId);
  url.password = encodeURIComponent(settings.clientSecret);
  return [
    'introspection_mode = post',
    `introspection_url = ${url.toString()}`,
    // The IMAP user must be the token's email (a token of alice used as bob fails).
    'username_attribute = email',
    'active_attribute = active',
    'active_value = true',
    'timeout_msecs = 5000',
    '',
  ].join('\n');
}

function oauthMechanisms({ oauth2 }: DovecotConfigInput): string {
  return (oauth2?.mechanisms ?? OAUTH_MECHANISMS).join(' ');
}

function passdbLines(input: DovecotConfigInput): string[] {
  if (input.oauth2) {
    return block('passdb', [
      'driver = oauth2',
      `mechanisms = ${oauthMechanisms(input)}`,
      `args = ${input.oauth2.settingsPath}`,
    ]);
  }
  return block('passdb', [
    'driver = passwd-file',
    `args = scheme=PLAIN username_format=%u ${passwdDir(input.dir)}/%u`,
  ]);
}

function namespaceBlocks(input: DovecotConfigInput): string[] {
  if (input.gmailLayout) return gmailNamespaceBlocks(input.dir, mailRoot(input.dir), block);
  return block('namespace inbox', [
    'inbox = yes',
    `separator = ${input.separator}`,
    // Mailbox names in the block below are given without this prefix.
    ...(input.namespacePrefix ? [`prefix = ${input.namespacePrefix}`] : []),
    ...specialUseBlocks(input),
  ]);
}

/** A standalone dovecot.conf: nothing is read from /etc, so instances never interfere. */
export function dovecotConfig(input: DovecotConfigInput): string {
  const { dir } = input;
  const ssl = input.tls
    ? ['ssl = required', `ssl_cert = <${input.tls.certPath}`, `ssl_key = <${input.tls.keyPath}`]
    : ['ssl = no'];
  return [
    `instance_name = ${input.instanceName}`,
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `log_path = ${logPath(dir)}`,
    'protocols = imap',
    'listen = 127.0.0.1',
    ...ssl,
    'disable_plaintext_auth = no',
    `auth_mechanisms = ${input.oauth2 ? oauthMechanisms(input) : 'plain login'}`,
    // No anvil penalty and no delay, so wrong-password tests don't slow the next logins.
    'auth_failure_delay = 0',
    // fcntl locking can deadlock concurrent APPENDs into new folders (see TEST-INFRA-FACTS).
    'lock_method = flock',
    'first_valid_uid = 1',
    ...identityLines(input.identity),
    `mail_location = ${input.mailFormat ?? 'maildir'}:${mailRoot(dir)}/%u`,
    ...maxMessageSizeLines(input.maxMessageBytes, input.announcesAppendLimit === true),
    ...passdbLines(input),
    ...block('userdb', ['driver = static', `args = home=${mailRoot(dir)}/%u`]),
    ...namespaceBlocks(input),
    // `chroot =` lets the services start without root; harmless as root.
    ...block('service imap-login', [
      'chroot =',
      ...block('inet_listener imap', ['address = 127.0.0.1', `port = ${input.port}`]),
      ...block('inet_listener imaps', [
        'address = 127.0.0.1',
        `port = ${input.tlsPort}`,
        'ssl = yes',
      ]),
    ]),
    ...block('service anvil', [
      'chroot =',
      ...block('unix_listener anvil-auth-penalty', ['mode = 0']),
    ]),
    '',
  ].join('\n');
}
