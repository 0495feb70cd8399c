import type { ImapLogin } from '@btsx/contracts';
import type { ConnectOptions } from '../connection/connect-options';
import { ImapSession } from './imap-session';
import { openImapSession } from './open-imap-session';
import { onSide, type SessionSide } from './session-side';

export interface SessionPairOptions {
  /** The login of one of the job's accounts (auth hands it over the bus). */
  resolveLogin: (side: SessionSide) => Promise<ImapLogin>;
  allowPrivateHosts: boolean;
  /** A stalled connection is given up after this (ConnectOptions.commandTimeoutMs). */
  commandTimeoutMs?: number;
}

/** Both accounts logged in; close() logs both out. */
export interface SessionPair {
  source: ImapSession;
  destination: ImapSession;
  close(): Promise<void>;
}

/**
 * Resolves both logins one after the other: each may wait for a connection lease, and a
 * lease waited for while holding another must be the second.
 */
export async function resolveLogins(options: SessionPairOptions): Promise<[ImapLogin, ImapLogin]> {
  const { resolveLogin } = options;
  const source = await onSide('source', () => resolveLogin('source'));
  const destination = await onSide('destination', () => resolveLogin('destination'));
  return [source, destination];
}

export function connectOptions(options: SessionPairOptions): ConnectOptions {
  return {
    allowPrivateHosts: options.allowPrivateHosts,
    commandTimeoutMs: options.commandTimeoutMs,
  };
}

/** Logs both accounts in side by side: at a distance each login costs several round trips. */
async function openSessionPair(options: SessionPairOptions): Promise<SessionPair> {
  const logins = await resolveLogins(options);
  const sides: SessionSide[] = ['source', 'destination'];
  const opened = await Promise.allSettled(
    sides.map((side, n) => onSide(side, () => openImapSession(logins[n], connectOptions(options)))),
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
