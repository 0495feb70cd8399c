import type { ImapEndpoint } from '@btsx/contracts';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { toImapError } from '../errors/to-imap-error';
import type { PipelinedAppender } from '../pipeline/pipelined-appender';
import { supportsPipelinedAppend } from '../pipeline/supports-pipelined-append';

/** The default hierarchy delimiter when the server reports no personal namespace (RFC 2342). */
const FALLBACK_DELIMITER = '/';

/**
 * One logged-in IMAP connection. The copy primitives in this lib drive `client`; callers
 * outside the lib only need `capabilities`, `delimiter` and `close()`.
 */
/** Opens another connection as the same account, for a pipelined APPEND writer. */
export type AppenderOpener = (folder: string) => Promise<PipelinedAppender>;

export class ImapSession {
  constructor(
    readonly client: ImapFlow,
    /** Who this session is logged in as; never the secret. */
    readonly endpoint: Pick<ImapEndpoint, 'host' | 'port' | 'username' | 'provider'>,
    /** Holds the login in a closure, so the secret stays out of every field and log. */
    private readonly appenderOpener?: AppenderOpener,
  ) {}

  /**
   * A pipelined APPEND writer into `folder` on a connection of its own, or null when the
   * server has neither LITERAL+ nor LITERAL- (then APPEND one at a time through this session).
   */
  async openAppender(folder: string): Promise<PipelinedAppender | null> {
    if (!this.appenderOpener || !supportsPipelinedAppend(this)) return null;
    return this.appenderOpener(folder);
  }

  /** Upper-case capability names the server announced after login (e.g. UIDPLUS, LITERAL+). */
  get capabilities(): ReadonlySet<string> {
    return new Set(this.client.capabilities.keys());
  }

  get delimiter(): string {
    return this.client.namespace?.delimiter || FALLBACK_DELIMITER;
  }

  hasCapability(name: string): boolean {
    return this.client.capabilities.has(name);
  }

  /**
   * Makes `path` the selected folder: EXAMINE when `readOnly`, SELECT otherwise. A folder that is
   * already open is kept when its mode serves the request (read-write serves both).
   */
  async openFolder(path: string, readOnly: boolean): Promise<MailboxObject> {
    const current = this.client.mailbox;
    if (current && current.path === path && (readOnly || !current.readOnly)) return current;
    try {
      return await this.client.mailboxOpen(path, { readOnly });
    } catch (err) {
      throw toImapError(err);
    }
  }

  /** Logs out politely, and drops the socket if the server does not answer. */
  async close(): Promise<void> {
    try {
      await this.client.logout();
    } catch {
      this.client.close();
    }
  }
}
