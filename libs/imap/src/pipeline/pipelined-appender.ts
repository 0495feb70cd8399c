import type { Duplex } from 'node:stream';
import type { ImapLogin } from '@btsx/contracts';
import { type ConnectOptions, DEFAULT_COMMAND_TIMEOUT_MS } from '../connection/connect-options';
import { loginFailure } from '../errors/to-imap-error';
import { storableFlags } from '../flags/storable-flags';
import {
  CommandPipeline,
  DEFAULT_MAX_BYTES_IN_FLIGHT,
  DEFAULT_MAX_IN_FLIGHT,
} from './command-pipeline';
import {
  compileCommand,
  type LiteralBytes,
  literalModeOf,
  type LiteralMode,
} from './compile-command';
import { appendableFlags, flagList, formatInternalDate, mailboxArgument } from './imap-syntax';
import { logOut, openLoggedInPipeline } from './logged-in-pipeline';
import { appendUid } from './parse-response';
import {
  type FolderUids,
  readFolderUids,
  readPermanentFlags,
  replyFailure,
  selectFailure,
} from './select-reply';

export interface PipelinedAppenderOptions extends ConnectOptions {
  /** Commands outstanding at once; default DEFAULT_MAX_IN_FLIGHT (32). */
  maxInFlight?: number;
  /** Bytes of unanswered APPENDs at once; default DEFAULT_MAX_BYTES_IN_FLIGHT (64 MiB). */
  maxBytesInFlight?: number;
  /** Fail with `timeout` when commands are outstanding and the server is silent this long. */
  idleTimeoutMs?: number;
}

/**
 * APPENDs into one folder over a connection of its own, without waiting for each reply: with
 * LITERAL+ (RFC 7888) the message follows its command at once (`{N+}`), so up to `maxInFlight`
 * messages travel per round trip instead of one. Without it each literal waits for the
 * server's `+` (RFC 3501 section 7.5) and each APPEND for the previous reply (see
 * SYNCHRONIZING_MAX_IN_FLIGHT), as imapflow's would, but streamed from the spool rather than
 * whole in memory; a tagged NO instead of the `+` drops that literal.
 *
 * Each append() settles on its own tagged reply: a NO (TOOBIG, LIMIT, OVERQUOTA...) rejects only
 * that message, as an ImapError; a lost connection rejects every outstanding message with
 * connection_lost.
 *
 * Open it with openPipelinedAppender.
 */
export class PipelinedAppender {
  private folderPath = '';
  private encodedFolder = '';
  private permanentFlags: ReadonlySet<string> | undefined;
  private selectedUids: FolderUids | undefined;

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly socket: Duplex,
    /** Upper-case capability names the server announced after login. */
    readonly capabilities: ReadonlySet<string>,
  ) {}

  /** The selected folder, as given to selectFolder (decoded, with the server's delimiter). */
  get folder(): string {
    return this.folderPath;
  }

  /** False once the connection failed or was closed. */
  get usable(): boolean {
    return !this.pipeline.error && !this.socket.destroyed;
  }

  /** The selected folder's UIDs when it was selected; undefined if the server did not say. */
  get folderUids(): FolderUids | undefined {
    return this.selectedUids;
  }

  private get literalMode(): LiteralMode {
    return literalModeOf(this.capabilities);
  }

  /** Waits for the outstanding appends, then SELECTs `folder` for the appends that follow. */
  async selectFolder(folder: string): Promise<void> {
    await this.pipeline.drain();
    const encoded = mailboxArgument(folder);
    const reply = await this.pipeline.run(compileCommand([`SELECT ${encoded}`], 'synchronizing'), {
      collectUntagged: true,
    });
    if (reply.status !== 'OK') throw await selectFailure(this.pipeline, reply, encoded);
    this.folderPath = folder;
    this.encodedFolder = encoded;
    this.permanentFlags = readPermanentFlags(reply.untagged);
    this.selectedUids = readFolderUids(reply.untagged) ?? (await this.statusUids(encoded));
  }

  /**
   * Courier 5.0's SELECT reports UIDVALIDITY but no UIDNEXT (RFC 3501 requires both); STATUS
   * tells both, before any APPEND of ours goes in.
   */
  private async statusUids(encoded: string): Promise<FolderUids | undefined> {
    const status = await this.pipeline.run(
      compileCommand([`STATUS ${encoded} (UIDVALIDITY UIDNEXT)`], 'synchronizing'),
      { collectUntagged: true },
    );
    if (status.status !== 'OK') return undefined;
    const line = status.untagged.find((text) => /^STATUS\b/i.test(text)) ?? '';
    const uidValidity = /\bUIDVALIDITY (\d+)/i.exec(line)?.[1];
    const uidNext = Number(/\bUIDNEXT (\d+)/i.exec(line)?.[1]);
    if (!uidValidity || !Number.isSafeInteger(uidNext)) return undefined;
    return { uidValidity, uidNext };
  }

  /**
   * Resolves when the next append() would be written at once. Await it before fetching the next
   * message and memory stays bounded by maxInFlight / maxBytesInFlight; append() without it
   * still works, but queues (holding every queued message) instead of pushing back.
   */
  whenWritable(): Promise<void> {
    return this.pipeline.whenWritable();
  }

  /**
   * APPEND with flags and INTERNALDATE; resolves on the tagged OK with the APPENDUID uid.
   * Attach a handler at once (not only in a Promise.all at the end): a refusal can arrive while
   * later messages are still being sent, and an unobserved rejection ends a Node process.
   */
  async append(
    raw: LiteralBytes,
    flags: readonly string[],
    internalDate?: Date,
  ): Promise<{ uid?: number }> {
    const keep = appendableFlags(storableFlags(flags, this.permanentFlags));
    const date = internalDate ? `${formatInternalDate(internalDate)} ` : '';
    const head = `APPEND ${this.encodedFolder} ${flagList(keep)} ${date}`;
    const reply = await this.pipeline.run(
      compileCommand([head, { literal: raw }], this.literalMode),
    );
    if (reply.status !== 'OK') throw replyFailure(reply);
    return { uid: appendUid(reply.code) };
  }

  /** Waits until every append has its reply; rejects only if the connection was lost. */
  drain(): Promise<void> {
    return this.pipeline.drain();
  }

  /** Lets outstanding appends finish, logs out, and closes the socket. Never throws. */
  close(): Promise<void> {
    return logOut({ pipeline: this.pipeline, socket: this.socket });
  }

  /** Drops the connection at once; outstanding appends reject with connection_lost. */
  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * Connects (own socket; the security rules of openImapSession), logs in, and SELECTs `folder`
 * if given (else selectFolder before the first append). Every failure is an ImapError without
 * the secret in it.
 */
export async function openPipelinedAppender(
  login: ImapLogin,
  folder: string | undefined,
  options: PipelinedAppenderOptions,
): Promise<PipelinedAppender> {
  const limits = {
    maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    maxBytesInFlight: options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT,
    idleTimeoutMs: options.idleTimeoutMs ?? options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
  };
  const { pipeline, socket, capabilities } = await openLoggedInPipeline(login, options, {
    ...limits,
    oneLiteralAtATime: true,
  });
  const appender = new PipelinedAppender(pipeline, socket, capabilities);
  try {
    if (folder !== undefined) await appender.selectFolder(folder);
    return appender;
  } catch (err) {
    socket.destroy();
    throw loginFailure(err, login);
  }
}
