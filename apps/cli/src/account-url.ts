import { DEFAULT_PORT, type ImapSecurity } from '@btsx/contracts/core';
import { CliError } from './cli-error';
import { EXIT_USAGE } from './exit-code';

/** An IMAP account as given on the command line; never holds a password. */
export interface AccountUrl {
  host: string;
  port: number;
  security: ImapSecurity;
  username: string;
}

/**
 * imaps:// is implicit TLS, imap:// upgrades with STARTTLS, and imap+plain:// never encrypts
 * (on-premise and test servers only: the password crosses the network in the clear). Each
 * scheme's default port is its security's IANA port (DEFAULT_PORT).
 */
const SCHEMES: Record<string, ImapSecurity> = {
  'imaps:': 'tls',
  'imap:': 'starttls',
  'imap+plain:': 'none',
};

const EXAMPLE = 'imaps://alice%40example.com@imap.example.com:993';

/** Parses `imaps://USER@HOST[:PORT]`; `label` names the option in error messages. */
export function parseAccountUrl(raw: string, label: string): AccountUrl {
  const fail = (reason: string): never => {
    throw new CliError(`${label}: ${reason} (expected e.g. ${EXAMPLE})`, EXIT_USAGE);
  };

  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // Not echoed back: a mistyped URL may carry a password.
    return fail('not a valid account URL (check the scheme, host name and port)');
  }

  const security = SCHEMES[url.protocol.toLowerCase()];
  if (!security) {
    return fail(`unsupported scheme "${url.protocol}"; use imaps://, imap:// or imap+plain://`);
  }
  if (url.password) {
    return fail(
      'put the password in an environment variable or type it at the prompt, not in the URL',
    );
  }
  if (!url.username) {
    return fail('the user name is missing');
  }
  if (!url.hostname) {
    return fail('the host name is missing');
  }
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    return fail('a path, query or fragment has no meaning here');
  }

  let username: string;
  try {
    username = decodeURIComponent(url.username);
  } catch {
    return fail('the user name has a broken percent-encoding');
  }

  return {
    // WHATWG URL keeps brackets around IPv6 literals; the API wants the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_PORT[security],
    security,
    username,
  };
}
