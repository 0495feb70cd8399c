import type { ImapEndpoint } from '@btsx/contracts';
import type { ImapFlow, MailboxObject } from 'imapflow';
import type { ImapError } from '../errors/imap-error';
import type { FolderAccess } from '../messages/folder-access';
import type { FetchedRow, FetchedRows, FetchQuery, FolderReader } from '../messages/folder-reader';
import { toImapError } from '../errors/to-imap-error';
import type { Namespaces } from '../folders/namespace';
import { literalModeOf } from '../pipeline/compile-command';
import { internalsOf } from './imapflow-internals';

/** The default hierarchy delimiter when the server reports no personal namespace (RFC 2342). */
const FALLBACK_DELIMITER = '/';

/** Set once, by ImapSession's static block: the one reader of its private client. */
let readClient: (session: ImapSession) => ImapFlow;

/**
 * One logged-in IMAP connection. Callers see who it is logged in as, what the server
 * announced, whether it still stands, and close(); the IMAP commands are this lib's
 * primitives (one a file), which reach the imapflow client through clientOf.
 */
export class ImapSession implements FolderReader {
  readonly #client: ImapFlow;
  /** Why imapflow gave the connection up (a response over its limits), if it did. */
  #breakage: unknown;

  static {
    readClient = (session) => session.#client;
  }

  constructor(
    client: ImapFlow,
    /** Who this session is logged in as; never the secret. */
    readonly endpoint: Pick<ImapEndpoint, 'host' | 'port' | 'username' | 'provider'>,
  ) {
    this.#client = client;
    client.on('error', (err: unknown) => (this.#breakage ??= err));
  }

  /**
   * A command's failure in the lib's words. A response over imapflow's limits fails the
   * connection, and the command only sees it closed: the limit is the reason worth telling.
   */
  failure(err: unknown): ImapError {
    return toImapError(this.#breakage ?? err);
  }

  /** Upper-case capability names the server announced after login (e.g. UIDPLUS, LITERAL+). */
  get capabilities(): ReadonlySet<string> {
    return new Set(this.#client.capabilities.keys());
  }

  get delimiter(): string {
    return this.#client.namespace?.delimiter || FALLBACK_DELIMITER;
  }

  /** As the server reported them (imapflow asks NAMESPACE, or LIST "" "" without it). */
  get namespaces(): Namespaces {
    const { namespace, namespaces } = this.#client;
    const foreign = [...(namespaces?.other || []), ...(namespaces?.shared || [])];
    return {
      personal: { prefix: namespace?.prefix ?? '', delimiter: this.delimiter },
      foreign: foreign.map((n) => n.prefix),
    };
  }

  /**
   * Neither LITERAL+ nor LITERAL- (RFC 7888): each APPEND's literal waits for the server's `+`,
   * so one connection writes one message per two round trips (Courier).
   */
  get appendsOneAtATime(): boolean {
    return literalModeOf(this.capabilities) === 'synchronizing';
  }

  hasCapability(name: string): boolean {
    return this.#client.capabilities.has(name);
  }

  /** The largest message the server says it takes (APPENDLIMIT=n, RFC 7889), if it says. */
  get appendLimit(): number | undefined {
    const limit = this.#client.capabilities.get('APPENDLIMIT');
    return typeof limit === 'number' && limit > 0 ? limit : undefined;
  }

  /** Milliseconds a NOOP takes to be answered: the connection's round trip. */
  async roundTripMs(): Promise<number> {
    const start = performance.now();
    try {
      await this.#client.noop();
    } catch (err) {
      throw this.failure(err);
    }
    return performance.now() - start;
  }

  /** False once the connection is closed or was dropped (a server may log idle clients out). */
  get usable(): boolean {
    return this.#client.usable;
  }

  /**
   * Makes `path` the selected folder: EXAMINE when `readOnly`, SELECT otherwise. A folder that is
   * already open is kept when its mode serves the request (read-write serves both).
   */
  async openFolder(path: string, readOnly: boolean): Promise<MailboxObject> {
    const current = this.#client.mailbox;
    if (current && current.path === path && (readOnly || !current.readOnly)) return current;
    this.skipListBeforeSelect(path);
    try {
      return await this.#client.mailboxOpen(path, { readOnly });
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** imapflow sends one command at a time: the FETCH goes once the caller iterates. */
  fetch(folder: string, access: FolderAccess, uids: string, query: FetchQuery): FetchedRows {
    const rows = this.fetchRows(folder, access, uids, query);
    return Object.assign(rows, { discard: () => void rows.return(undefined) });
  }

  async deleteMessages(folder: string, uids: readonly number[]): Promise<boolean> {
    await this.openFolder(folder, false);
    try {
      // STORE +FLAGS \Deleted, then UID EXPUNGE when given uid:true and the server has UIDPLUS.
      return await this.#client.messageDelete([...uids], { uid: true });
    } catch (err) {
      throw this.failure(err);
    }
  }

  private async *fetchRows(
    folder: string,
    access: FolderAccess,
    uids: string,
    query: FetchQuery,
  ): AsyncGenerator<FetchedRow> {
    await this.openFolder(folder, access.readOnly ?? true);
    try {
      const { changedSince, ...items } = query;
      const asked = { uid: true, ...items, headers: items.headers && [...items.headers] };
      for await (const row of this.#client.fetch(uids, asked, { uid: true, changedSince })) {
        const { uid, flags, size, headers, source } = row;
        const internalDate = row.internalDate ? new Date(row.internalDate) : undefined;
        yield { uid, flags, internalDate, size, headers, source };
      }
    } catch (err) {
      throw this.failure(err);
    }
  }

  /**
   * imapflow LISTs a folder before its first SELECT, for attributes nothing here reads: a
   * round trip a folder. A folder it knows goes straight to SELECT; a missing one is still
   * told apart (imapflow LISTs after a refused SELECT).
   */
  private skipListBeforeSelect(path: string): void {
    const known = internalsOf(this.#client).folders;
    if (!known.has(path)) known.set(path, { path, delimiter: this.delimiter });
  }

  /** Logs out politely, and drops the socket if the server does not answer. */
  async close(): Promise<void> {
    try {
      await this.#client.logout();
    } catch {
      this.#client.close();
    }
  }
}

/**
 * The imapflow client under `session`, for this lib's primitives alone: index.ts does not
 * export it, so code outside the lib cannot drive (or break) a session behind its back.
 */
export function clientOf(session: ImapSession): ImapFlow {
  return readClient(session);
}
