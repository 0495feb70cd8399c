import { ImapLogin } from '@btsx/contracts';
import { ImapSession } from './connection/imap-session';
import { openImapSession } from './connection/open-imap-session';

export interface SessionPairOptions {
  /** Turns a credential id into a login (auth hands it over the bus). */
  resolveLogin: (credentialId: string, side: SessionSide) => Promise<ImapLogin>;
  sourceCredentialId: string;
  destinationCredentialId: string;
  allowPrivateHosts: boolean;
}

export type SessionSide = 'source' | 'destination';

async function openSide(options: SessionPairOptions, side: SessionSide) {
  const credentialId =
    side === 'source' ? options.sourceCredentialId : options.destinationCredentialId;
  try {
    const login = await options.resolveLogin(credentialId, side);
    return await openImapSession(login, { allowPrivateHosts: options.allowPrivateHosts });
  } catch (error) {
    if (error instanceof Error) error.message = `${side} account: ${error.message}`;
    throw error;
  }
}

/** Runs work with both accounts logged in, and logs both out however it ends. */
export async function withSessionPair<T>(
  options: SessionPairOptions,
  work: (source: ImapSession, destination: ImapSession) => Promise<T>,
): Promise<T> {
  const source = await openSide(options, 'source');
  try {
    const destination = await openSide(options, 'destination');
    try {
      return await work(source, destination);
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}
