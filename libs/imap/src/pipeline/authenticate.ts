import type { ImapLogin } from '@btsx/contracts';
import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import type { CommandPipeline, TaggedReply } from './command-pipeline';
import { compileCommand, literalModeOf, type CommandPart } from './compile-command';
import { isQuotable, quoteString } from './imap-syntax';
import { capabilitySet, readCapabilities } from './parse-response';

const CRLF = '\r\n';
/** Answer to an error challenge: XOAUTH2 wants an empty line, OAUTHBEARER a %x01 (RFC 7628 3.2.3). */
const XOAUTH2_ABORT = '';
const OAUTHBEARER_ABORT = Buffer.from('\x01').toString('base64');

/**
 * Logs in: OAUTHBEARER (preferred, as imapflow does) or XOAUTH2 for an access token, LOGIN with
 * the password otherwise. Returns the capabilities the server announced after login, when it did.
 * A refusal becomes auth_failed with the secrets scrubbed from the server's text.
 */
export async function authenticate(
  pipeline: CommandPipeline,
  login: ImapLogin,
  capabilities: ReadonlySet<string>,
  servername: string,
): Promise<Set<string> | undefined> {
  const secrets = [login.password, login.accessToken];
  const reply = login.accessToken
    ? await oauth(pipeline, login, login.accessToken, capabilities, servername)
    : await pipeline.run(
        compileCommand(
          ['LOGIN ', ...astring(login.username), ' ', ...astring(login.password ?? '')],
          literalModeOf(capabilities),
        ),
        { collectUntagged: true },
      );
  if (reply.status !== 'OK') {
    throw toImapError(
      {
        authenticationFailed: reply.status === 'NO',
        responseStatus: reply.status,
        responseText: reply.text,
        serverResponseCode: reply.code?.name,
      },
      secrets,
    );
  }
  if (reply.code?.name === 'CAPABILITY') return capabilitySet(reply.code.args);
  for (const line of reply.untagged) {
    const found = readCapabilities(line);
    if (found) return found;
  }
  return undefined;
}

/** A quoted string when it can be one, a literal otherwise (a password with 8-bit characters). */
function astring(value: string): CommandPart[] {
  return isQuotable(value) ? [quoteString(value)] : [{ literal: Buffer.from(value, 'utf8') }];
}

function oauth(
  pipeline: CommandPipeline,
  login: ImapLogin,
  token: string,
  capabilities: ReadonlySet<string>,
  servername: string,
): Promise<TaggedReply> {
  if (/[\x00-\x1f\x7f]/.test(login.username + token)) {
    throw new ImapError('auth_failed', 'The user name or token contains control characters', true);
  }
  const bearer = capabilities.has('AUTH=OAUTHBEARER');
  const payload = bearer
    ? [
        `n,a=${login.username.replace(/=/g, '=3D').replace(/,/g, '=2C')},`,
        `host=${servername}`,
        `port=${login.port}`,
        `auth=Bearer ${token}`,
        '',
        '',
      ].join('\x01')
    : [`user=${login.username}`, `auth=Bearer ${token}`, '', ''].join('\x01');
  const encoded = Buffer.from(payload).toString('base64');
  const mechanism = bearer ? 'OAUTHBEARER' : 'XOAUTH2';
  // Without SASL-IR the payload answers the first, empty `+` (RFC 4959 section 3); any later
  // `+` carries the server's error, which we acknowledge so it sends the tagged NO.
  let payloadPending = !capabilities.has('SASL-IR');
  const command = payloadPending
    ? `AUTHENTICATE ${mechanism}`
    : `AUTHENTICATE ${mechanism} ${encoded}`;
  return pipeline.run(compileCommand([command], 'synchronizing'), {
    collectUntagged: true,
    onContinuation: () => {
      if (!payloadPending) return Buffer.from((bearer ? OAUTHBEARER_ABORT : XOAUTH2_ABORT) + CRLF);
      payloadPending = false;
      return Buffer.from(encoded + CRLF);
    },
  });
}
