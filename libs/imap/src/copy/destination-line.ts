import type { ImapLogin } from '@btsx/contracts';
import type { ConnectOptions } from '../connection/connect-options';
import { openPipelinedAppender, type PipelinedAppender } from '../pipeline/pipelined-appender';
import { appendLimitOf } from '../pipeline/parse-response';
import type { ImapSession } from '../session/imap-session';
import { openImapSession } from '../session/open-imap-session';
import { onSide } from '../session/session-side';
import { type MessageSender, PipelinedSender } from './message-sender';

/** The destination as a copy uses it: a session to read and flag, a sender to APPEND. */
export interface Destination {
  /** Who the destination is logged in as; never the secret. */
  readonly endpoint: ImapSession['endpoint'];
  session(): Promise<ImapSession>;
  senderFor(folder: string): Promise<MessageSender>;
}

type Connection = ImapSession | PipelinedAppender;
type Kind = 'session' | 'writer';

/**
 * The destination over one connection at a time: an imapflow session for reads and flag
 * changes, or the pipelined writer for APPENDs, each opened when asked for after the other
 * logs out. A copy that only appends (the usual first pass) never opens the session, so a
 * task costs the destination one connection and an account's cap buys as many writers as
 * tasks; a switch costs a login, paid only when a run must read the destination.
 */
export class DestinationLine implements Destination {
  private opening: Promise<Connection> | undefined;
  private openingKind: Kind | undefined;
  private current: Connection | undefined;
  private broken = false;

  constructor(
    private readonly login: ImapLogin,
    private readonly options: ConnectOptions,
  ) {}

  get endpoint(): ImapSession['endpoint'] {
    const { host, port, username, provider } = this.login;
    return { host, port, username, provider };
  }

  /** False once the open connection was dropped or failed to open. */
  get usable(): boolean {
    return !this.broken && (this.current?.usable ?? true);
  }

  /**
   * Logs the writer in now, before any folder is known (it SELECTs the task's folder when
   * asked for it): a first pass writes before it reads, so the login goes beside the source's.
   * A failure shows when the writer is asked for.
   */
  logInWriter(): void {
    void this.use('writer', () => openPipelinedAppender(this.login, undefined, this.options)).catch(
      () => undefined,
    );
  }

  async session(): Promise<ImapSession> {
    const open = await this.use('session', () => openImapSession(this.login, this.options));
    return open as ImapSession;
  }

  async senderFor(folder: string): Promise<MessageSender> {
    const appender = await this.writerFor(folder);
    const limit = appendLimitOf(appender.capabilities);
    return new PipelinedSender(() => this.writerFor(folder), appender.folderUids, limit);
  }

  async close(): Promise<void> {
    const open = this.opening;
    this.opening = undefined;
    this.openingKind = undefined;
    this.current = undefined;
    await closeWhenOpen(open);
  }

  private async writerFor(folder: string): Promise<PipelinedAppender> {
    const open = () => openPipelinedAppender(this.login, folder, this.options);
    const appender = (await this.use('writer', open)) as PipelinedAppender;
    if (appender.folder !== folder) await appender.selectFolder(folder);
    return appender;
  }

  /** The connection of this kind, open or opening; otherwise the other logs out first. */
  private use(kind: Kind, open: () => Promise<Connection>): Promise<Connection> {
    if (this.opening && this.openingKind === kind) return this.opening;
    const opening = closeWhenOpen(this.opening).then(() => onSide('destination', open));
    this.opening = opening;
    this.openingKind = kind;
    this.current = undefined;
    this.broken = false;
    // Only the latest opening speaks for the line: one it replaced may settle later.
    opening.then(
      (connection) => {
        if (this.opening === opening) this.current = connection;
      },
      () => {
        if (this.opening === opening) this.broken = true;
      },
    );
    return opening;
  }
}

async function closeWhenOpen(opening: Promise<Connection> | undefined): Promise<void> {
  const connection = await opening?.catch(() => undefined);
  await connection?.close();
}
