import type { Duplex } from 'node:stream';
import type { ImapLogin } from '@btsx/contracts';
import { type ConnectOptions, DEFAULT_COMMAND_TIMEOUT_MS } from '../connection/connect-options';
import type { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import type { FolderAccess } from '../messages/folder-access';
import type {
  FetchedRow,
  FetchedRows,
  FetchQuery,
  FolderReader,
  OpenedFolder,
} from '../messages/folder-reader';
import { uidSets } from '../messages/uid-range';
import {
  type CommandPipeline,
  DEFAULT_MAX_BYTES_IN_FLIGHT,
  DEFAULT_MAX_IN_FLIGHT,
} from './command-pipeline';
import { compileCommand } from './compile-command';
import { mailboxArgument } from './imap-syntax';
import { logOut, openLoggedInPipeline } from './logged-in-pipeline';
import { parseFetchResponse } from './parse-fetch';
import {
  readExists,
  readFolderUids,
  readHighestModseq,
  readMailboxId,
  replyFailure,
  selectFailure,
} from './select-reply';

/** Rows held for a consumer that lags before the server is made to wait (TCP pushes back). */
const PAUSE_AT_BYTES = 16 * 1024 * 1024;
const RESUME_BELOW_BYTES = 4 * 1024 * 1024;

interface Selection {
  path: string;
  readOnly: boolean;
  opened: Promise<OpenedFolder>;
}

/**
 * Reads folders (a copy's source, the audit's two sides) over a connection of its own that
 * sends commands without waiting for each reply: a folder's EXAMINE and its FETCH leave
 * together, one round trip where imapflow, one command at a time, takes two. Several folders'
 * reads may be asked for at once: each FETCH goes behind its own folder's EXAMINE, once the
 * FETCH before it ended (CommandPipeline's rule for untagged responses).
 * FETCH rows stream to the caller as they arrive; when the caller lags, the reader stops
 * taking the server's bytes until it catches up.
 *
 * Open it with openPipelinedReader.
 */
export class PipelinedReader implements FolderReader {
  private selection: Selection | undefined;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly socket: Duplex,
    /** Upper-case capability names the server announced after login. */
    readonly capabilities: ReadonlySet<string>,
    /** Who this reader is logged in as; never the secret. */
    readonly endpoint: FolderReader['endpoint'],
  ) {}

  /** False once the connection failed or was closed. */
  get usable(): boolean {
    return !this.pipeline.error && !this.socket.destroyed;
  }

  hasCapability(name: string): boolean {
    return this.capabilities.has(name.toUpperCase());
  }

  failure(err: unknown): ImapError {
    return toImapError(err);
  }

  openFolder(path: string, readOnly: boolean): Promise<OpenedFolder> {
    const current = this.selection;
    if (current && current.path === path && (readOnly || !current.readOnly)) return current.opened;
    const opened = this.select(path, readOnly);
    const selection = { path, readOnly, opened };
    this.selection = selection;
    // A refused SELECT leaves no folder selected (RFC 3501 section 6.3.1).
    opened.catch(() => {
      if (this.selection === selection) this.selection = undefined;
    });
    return opened;
  }

  fetch(folder: string, access: FolderAccess, uids: string, query: FetchQuery): FetchedRows {
    const opened = this.openFolder(folder, access.readOnly ?? true);
    const rows = new RowQueue(this.pipeline, opened);
    const command = compileCommand(
      [`UID FETCH ${uids} ${fetchItems(query)}${modifiers(query)}`],
      'synchronizing',
    );
    this.pipeline
      .run(command, {
        onUntagged: (text, literals) => {
          const row = parseFetchResponse(text, literals);
          // A FETCH without UID is the server telling of a change, not an answer (RFC 3501 6.4.8).
          if (row?.uid !== undefined) rows.offer(row as FetchedRow);
        },
      })
      .then(
        (reply) => (reply.status === 'OK' ? rows.end() : rows.fail(replyFailure(reply))),
        (err: unknown) => rows.fail(toImapError(err)),
      );
    return rows;
  }

  async deleteMessages(folder: string, uids: readonly number[]): Promise<boolean> {
    await this.openFolder(folder, false);
    for (const set of uidSets(uids)) {
      for (const line of [`UID STORE ${set} +FLAGS.SILENT (\\Deleted)`, `UID EXPUNGE ${set}`]) {
        const reply = await this.pipeline.run(compileCommand([line], 'synchronizing'));
        if (reply.status !== 'OK') return false;
      }
    }
    return true;
  }

  /** Lets outstanding commands finish, logs out, and closes the socket. Never throws. */
  close(): Promise<void> {
    return logOut({ pipeline: this.pipeline, socket: this.socket });
  }

  private async select(path: string, readOnly: boolean): Promise<OpenedFolder> {
    const encoded = mailboxArgument(path);
    // (CONDSTORE) enables it for the connection and has the folder say its HIGHESTMODSEQ.
    const condstore = this.hasCapability('CONDSTORE') ? ' (CONDSTORE)' : '';
    const line = `${readOnly ? 'EXAMINE' : 'SELECT'} ${encoded}${condstore}`;
    const reply = await this.pipeline.run(compileCommand([line], 'synchronizing'), {
      collectUntagged: true,
    });
    if (reply.status !== 'OK') throw await selectFailure(this.pipeline, reply, encoded);
    const uids = readFolderUids(reply.untagged);
    return {
      exists: readExists(reply.untagged) ?? 0,
      uidValidity: BigInt(uids?.uidValidity ?? 0),
      uidNext: uids?.uidNext ?? NaN,
      highestModseq: readHighestModseq(reply.untagged),
      mailboxId: readMailboxId(reply.untagged),
    };
  }
}

/**
 * Connects (own socket; the security rules of openImapSession) and logs in. Every failure is
 * an ImapError without the secret in it.
 */
export async function openPipelinedReader(
  login: ImapLogin,
  options: ConnectOptions,
): Promise<PipelinedReader> {
  const { pipeline, socket, capabilities } = await openLoggedInPipeline(login, options, {
    maxInFlight: DEFAULT_MAX_IN_FLIGHT,
    maxBytesInFlight: DEFAULT_MAX_BYTES_IN_FLIGHT,
    idleTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
  });
  const { host, port, username, provider } = login;
  return new PipelinedReader(pipeline, socket, capabilities, { host, port, username, provider });
}

/** `(UID FLAGS ...)`: the items of a UID FETCH asking what `query` asks. */
function fetchItems(query: FetchQuery): string {
  const items = ['UID'];
  if (query.flags) items.push('FLAGS');
  if (query.internalDate) items.push('INTERNALDATE');
  if (query.size) items.push('RFC822.SIZE');
  if (query.headers) {
    items.push(`BODY.PEEK[HEADER.FIELDS (${query.headers.join(' ').toUpperCase()})]`);
  }
  if (query.source === true) items.push('BODY.PEEK[]');
  else if (query.source) items.push(`BODY.PEEK[]<${query.source.start}.${query.source.maxLength}>`);
  return `(${items.join(' ')})`;
}

/**
 * A FETCH's rows between the connection and their reader. Rows are handed out only once the
 * folder's EXAMINE succeeded: after a refused one a lax server might still answer the FETCH
 * from the folder selected before.
 */
class RowQueue implements FetchedRows {
  private rows: FetchedRow[] = [];
  private bytes = 0;
  private ended = false;
  private error: ImapError | undefined;
  private discarded = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly opened: Promise<unknown>,
  ) {}

  offer(row: FetchedRow): void {
    if (this.discarded) return;
    this.rows.push(row);
    this.bytes += rowBytes(row);
    if (this.bytes > PAUSE_AT_BYTES) this.pipeline.pauseReading();
    this.wakeReader();
  }

  end(): void {
    this.ended = true;
    this.wakeReader();
  }

  fail(error: ImapError): void {
    this.error ??= error;
    this.end();
  }

  /** Nobody will read the rest: rows are dropped as they come, and the server read on. */
  discard(): void {
    this.discarded = true;
    this.rows = [];
    this.bytes = 0;
    this.pipeline.resumeReading();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<FetchedRow> {
    try {
      await this.opened;
      for (;;) {
        const row = this.rows.shift();
        if (row) {
          this.bytes -= rowBytes(row);
          if (this.bytes < RESUME_BELOW_BYTES) this.pipeline.resumeReading();
          yield row;
        } else if (this.error) {
          throw this.error;
        } else if (this.ended) {
          return;
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      }
    } finally {
      this.discard();
    }
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

function rowBytes(row: FetchedRow): number {
  return (row.source?.length ?? 0) + (row.headers?.length ?? 0);
}

/** ` (CHANGEDSINCE n)` where the query asks only for changed messages (RFC 7162 section 3.1.4). */
function modifiers(query: FetchQuery): string {
  return query.changedSince === undefined ? '' : ` (CHANGEDSINCE ${query.changedSince})`;
}
