import type { ImapLogin } from '@btsx/contracts';
import type { ConnectOptions } from '../connection/connect-options';
import { type FolderWriter, openFolderWriter } from '../folders/folder-writer';
import { openPipelinedReader, type PipelinedReader } from '../pipeline/pipelined-reader';
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

/** A logged-in connection of either kind: an imapflow session or a pipelined reader. */
interface Connection {
  close(): Promise<void>;
}

type Open<C extends Connection> = (login: ImapLogin, options: ConnectOptions) => Promise<C>;

/** Both accounts logged in; close() logs both out. */
interface Pair<C extends Connection> {
  source: C;
  destination: C;
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
async function openPair<C extends Connection>(
  options: SessionPairOptions,
  logins: [ImapLogin, ImapLogin],
  open: Open<C>,
): Promise<Pair<C>> {
  const sides: SessionSide[] = ['source', 'destination'];
  const opened = await Promise.allSettled(
    sides.map((side, n) => onSide(side, () => open(logins[n], connectOptions(options)))),
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
  return usePair(await openPair(options, await resolveLogins(options), openImapSession), work);
}

/**
 * withSessionPair with a pipelined reader on each account instead of an imapflow session:
 * for reading folders, several at once (the audit).
 */
export async function withReaderPair<T>(
  options: SessionPairOptions,
  work: (source: PipelinedReader, destination: PipelinedReader) => Promise<T>,
): Promise<T> {
  return usePair(await openPair(options, await resolveLogins(options), openPipelinedReader), work);
}

/** The FolderWriter if its login is done by the time it is asked for, else undefined. */
export type ReadyWriter = () => FolderWriter | undefined;

/**
 * withSessionPair plus a FolderWriter on the destination (a second connection, logged in
 * beside the pair), for planning. Its login is two round trips against the pair's three and
 * its listing: a writer not ready by the time folders are made (a server slow to take a
 * second connection, or refusing it) is not waited for.
 */
export async function withPlanningSessions<T>(
  options: SessionPairOptions,
  work: (source: ImapSession, destination: ImapSession, writer: ReadyWriter) => Promise<T>,
): Promise<T> {
  const logins = await resolveLogins(options);
  let ready: FolderWriter | undefined;
  const writer = openFolderWriter(logins[1], connectOptions(options)).then(
    (opened) => (ready = opened),
    () => undefined,
  );
  try {
    const pair = await openPair(options, logins, openImapSession);
    return await usePair(pair, (source, destination) => work(source, destination, () => ready));
  } finally {
    // Logged out before the leases go: a copier may take them at once.
    await (await writer)?.close();
  }
}

/**
 * withSessionPair plus a pipelined reader on the source (a second connection, logged in
 * beside the pair), for a plan's preview: it lists every folder's messages, several folders
 * at once, where the session would take round trips one folder after the other.
 */
export async function withPreviewSessions<T>(
  options: SessionPairOptions,
  work: (source: ImapSession, destination: ImapSession, reader: PipelinedReader) => Promise<T>,
): Promise<T> {
  const logins = await resolveLogins(options);
  const reader = onSide('source', () => openPipelinedReader(logins[0], connectOptions(options)));
  // Awaited below, unless the pair fails first: never an unhandled rejection.
  reader.catch(() => undefined);
  try {
    const pair = await openPair(options, logins, openImapSession);
    return await usePair(pair, async (source, destination) =>
      work(source, destination, await reader),
    );
  } finally {
    await reader.then(
      (opened) => opened.close(),
      () => undefined,
    );
  }
}

async function usePair<T, C extends Connection>(
  pair: Pair<C>,
  work: (source: C, destination: C) => Promise<T>,
): Promise<T> {
  try {
    return await work(pair.source, pair.destination);
  } finally {
    await pair.close();
  }
}
