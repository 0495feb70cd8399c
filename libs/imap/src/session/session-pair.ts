import { ImapLogin } from '@btsx/contracts';
import { ImapSession } from './imap-session';
import { openImapSession } from './open-imap-session';

export interface SessionPairOptions {
  /** Turns a credential id into a login (auth hands it over the bus). */
  resolveLogin: (credentialId: string, side: SessionSide) => Promise<ImapLogin>;
  sourceCredentialId: string;
  destinationCredentialId: string;
  allowPrivateHosts: boolean;
  /** A stalled connection is given up after this (ConnectOptions.commandTimeoutMs). */
  commandTimeoutMs?: number;
}

export type SessionSide = 'source' | 'destination';

/** Prefixes the side to what went wrong, so the user knows which account to look at. */
async function onSide<T>(side: SessionSide, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof Error) error.message = `${side} account: ${error.message}`;
    throw error;
  }
}

/** Both accounts logged in; close() logs both out. */
export interface SessionPair {
  source: ImapSession;
  destination: ImapSession;
  close(): Promise<void>;
}

/**
 * Logs both accounts in. Logins are resolved one after the other (each may wait for a
 * connection lease, and a lease waited for while holding another must be the second), then
 * both connect side by side: at a distance each login costs several round trips.
 */
export async function openSessionPair(options: SessionPairOptions): Promise<SessionPair> {
  const sides: SessionSide[] = ['source', 'destination'];
  const logins: ImapLogin[] = [];
  for (const side of sides) {
    const credentialId =
      side === 'source' ? options.sourceCredentialId : options.destinationCredentialId;
    logins.push(await onSide(side, () => options.resolveLogin(credentialId, side)));
  }
  const connect = {
    allowPrivateHosts: options.allowPrivateHosts,
    commandTimeoutMs: options.commandTimeoutMs,
  };
  const opened = await Promise.allSettled(
    sides.map((side, n) => onSide(side, () => openImapSession(logins[n], connect))),
  );
  const sessions = opened.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const close = async () => void (await Promise.all(sessions.map((session) => session.close())));
  const failed = opened.find((result) => result.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { source: sessions[0], destination: sessions[1], close };
}

/** Runs work with both accounts logged in, and logs both out however it ends. */
export async function withSessionPair<T>(
  options: SessionPairOptions,
  work: (source: ImapSession, destination: ImapSession) => Promise<T>,
): Promise<T> {
  const pair = await openSessionPair(options);
  try {
    return await work(pair.source, pair.destination);
  } finally {
    await pair.close();
  }
}
