import type { ImapEndpoint } from '@btsx/contracts';
import type { ImapError } from '../errors/imap-error';
import type { FolderAccess } from './folder-access';

/** What a FETCH asks of each message besides its UID. */
export interface FetchQuery {
  flags?: boolean;
  internalDate?: boolean;
  /** RFC822.SIZE */
  size?: boolean;
  /** BODY.PEEK[HEADER.FIELDS (...)] of these fields. */
  headers?: readonly string[];
  /** BODY.PEEK[] whole, or `<start.maxLength>` of it. */
  source?: true | { start: number; maxLength: number };
  /** Only messages whose mod-sequence passed this (CHANGEDSINCE, RFC 7162); needs CONDSTORE. */
  changedSince?: bigint;
}

/** One message's answer to a UID FETCH: what was asked, where the server gave it. */
export interface FetchedRow {
  uid: number;
  flags?: Set<string>;
  internalDate?: Date;
  size?: number;
  headers?: Buffer;
  source?: Buffer;
}

/** A folder as EXAMINE or SELECT found it. */
export interface OpenedFolder {
  exists: number;
  uidValidity: bigint;
  /** NaN or 0 where the server did not say (Courier 5.0). */
  uidNext: number;
  /** HIGHESTMODSEQ (RFC 7162), where the server offers CONDSTORE for the folder. */
  highestModseq?: bigint;
  /** MAILBOXID (RFC 8474), where the server offers OBJECTID: the same after a rename. */
  mailboxId?: string;
}

/**
 * What the message primitives (fetchMessages, readLetters, ...) need of a connection: an
 * imapflow ImapSession, or the copier's own pipelined PipelinedReader.
 */
export interface FolderReader {
  /** Who the connection is logged in as; never the secret. */
  readonly endpoint: Pick<ImapEndpoint, 'host' | 'port' | 'username' | 'provider'>;
  hasCapability(name: string): boolean;
  /** EXAMINE when `readOnly`, SELECT otherwise; an open folder in a mode that serves is kept. */
  openFolder(path: string, readOnly: boolean): Promise<OpenedFolder>;
  /**
   * UID FETCH of `uids` (a sequence set) in `folder`, opened first as `access` says. A reader
   * that pipelines sends the command at once, before the caller iterates; `discard()` lets go
   * of rows nobody will read.
   */
  fetch(folder: string, access: FolderAccess, uids: string, query: FetchQuery): FetchedRows;
  /** UID STORE +FLAGS (\Deleted), then UID EXPUNGE of exactly `uids`; false when refused. */
  deleteMessages(folder: string, uids: readonly number[]): Promise<boolean>;
  /** A command's failure in the lib's words. */
  failure(err: unknown): ImapError;
}

/** A folder and how to read it: where a primitive's FETCHes go. */
export interface ReadFolder {
  reader: FolderReader;
  folder: string;
  access: FolderAccess;
}

export interface FetchedRows extends AsyncIterable<FetchedRow> {
  discard(): void;
}

/** The first row of a FETCH, the rest let go. */
export async function firstRow(rows: FetchedRows): Promise<FetchedRow | undefined> {
  for await (const row of rows) return row;
  return undefined;
}
