import type { ImapEndpoint } from '@btsx/contracts';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { toImapError } from '../errors/to-imap-error';
import type { Namespaces } from '../folders/namespace';
import type { PipelinedAppender } from '../pipeline/pipelined-appender';

/** The default hierarchy delimiter when the server reports no personal namespace (RFC 2342). */
const FALLBACK_DELIMITER = '/';

/** Opens another connection as the same account, for a pipelined APPEND writer. */
export type AppenderOpener = (folder: string) => Promise<PipelinedAppender>;

/** Set once, by ImapSession's static block: the one reader of its private client. */
let readClient: (session: ImapSession) => ImapFlow;

/**
 * One logged-in IMAP connection. Callers see who it is logged in as, what the server
 * announced, whether it still stands, and close(); the IMAP commands are this lib's
 * primitives (one a file), which reach the imapflow client through clientOf.
 */
export class ImapSession {
  readonly #client: ImapFlow;

  static {
    readClient = (session) => session.#client;
  }

  constructor(
    client: ImapFlow,
    /** Who this session is logged in as; never the secret. */
    readonly endpoint: Pick<ImapEndpoint, 'host' | 'port' | 'username' | 'provider'>,
    /** Holds the login in a closure, so the secret stays out of every field and log. */
    private readonly appenderOpener: AppenderOpener,
  ) {
    this.#client = client;
  }

  /**
   * A pipelined APPEND writer into `folder` on a connection of its own. Every server gets one:
   * with LITERAL+ (RFC 7888) each message follows its command at once, with LITERAL- those up
   * to 4096 bytes do, and otherwise (Courier) each literal waits for its `+`.
   */
  openAppender(folder: string): Promise<PipelinedAppender> {
    return this.appenderOpener(folder);
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

  hasCapability(name: string): boolean {
    return this.#client.capabilities.has(name);
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
    try {
      return await this.#client.mailboxOpen(path, { readOnly });
    } catch (err) {
      throw toImapError(err);
    }
  }

  /**
   * NOOP (RFC 3501 section 6.1.2): the server reports what changed in the selected folder
   * meanwhile, such as messages another connection appended.
   */
  async noop(): Promise<void> {
    await this.#client.noop();
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
