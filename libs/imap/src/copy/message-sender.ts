import type { ImapError, ImapErrorKind } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import type { FetchedMessage } from '../messages/fetch-messages';
import { SpooledBody } from '../messages/spooled-body';
import type { PipelinedAppender } from '../pipeline/pipelined-appender';
import type { FolderUids } from '../pipeline/select-reply';

/** The destination refused this one message; the rest of the folder can still go. */
const MESSAGE_LEVEL_KINDS = new Set<ImapErrorKind>(['too_big', 'over_quota', 'rejected']);

/** `uid`: where the destination stored it (APPENDUID, RFC 4315), when it said. */
export type SendResult = { kind: 'copied'; uid?: number } | { kind: 'failed'; reason: string };

/**
 * How messages reach the destination folder. `send` returns when the next message may be
 * sent and reports each result through `done` once the server answered it; `flush` waits
 * for every answer and throws what broke the connection, if anything did. `folderUids` is
 * the folder's UIDVALIDITY and next UID when the sender selected it.
 */
export interface MessageSender {
  readonly folderUids: FolderUids | undefined;
  /** The largest message the destination says it takes (its APPENDLIMIT), if it says. */
  readonly appendLimit: number | undefined;
  send(message: FetchedMessage, done: (result: SendResult) => void): Promise<void>;
  flush(): Promise<void>;
}

function refusal(err: unknown): SendResult {
  const error = toImapError(err);
  if (!MESSAGE_LEVEL_KINDS.has(error.kind)) throw error;
  return { kind: 'failed', reason: error.message };
}

/**
 * APPENDs through a pipelined writer: up to 32 in flight where literals need no `+`, one
 * where they do (PERFORMANCE-FACTS: round trips, not the servers, bound a one-at-a-time
 * copier at a distance). `writer` gives the writer before each message, opening it again
 * when the connection was meanwhile used for something else.
 */
export class PipelinedSender implements MessageSender {
  private broken: ImapError | undefined;
  private readonly answers: Promise<void>[] = [];

  constructor(
    private readonly writer: () => Promise<PipelinedAppender>,
    readonly folderUids: FolderUids | undefined,
    readonly appendLimit: number | undefined,
  ) {}

  async send(message: FetchedMessage, done: (result: SendResult) => void): Promise<void> {
    if (this.broken) throw this.broken;
    const appender = await this.writer();
    await appender.whenWritable();
    const { raw, flags, internalDate } = message;
    // The handler is attached at once: a refusal mid-run must never go unobserved.
    const answer = appender.append(raw, flags, internalDate).then(
      ({ uid }) => done({ kind: 'copied', uid }),
      (err: unknown) => {
        try {
          done(refusal(err));
        } catch (error) {
          this.broken ??= error as ImapError;
        }
      },
    );
    this.answers.push(answer);
    // Its file is read while it is sent, and removed once send() returns.
    if (raw instanceof SpooledBody) await answer;
  }

  /** Every answer is in; a lost connection rejected each outstanding append, so it shows. */
  async flush(): Promise<void> {
    await Promise.all(this.answers.splice(0));
    if (this.broken) throw this.broken;
  }
}
