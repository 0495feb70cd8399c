/** What went wrong, in words the copier and the UI can act on without knowing imapflow. */
export const IMAP_ERROR_KINDS = [
  'auth_failed',
  'unreachable',
  'tls',
  'timeout',
  'forbidden_host',
  'connection_lost',
  'throttled',
  'over_quota',
  'too_big',
  'rejected',
  'no_such_folder',
  'protocol',
] as const;
export type ImapErrorKind = (typeof IMAP_ERROR_KINDS)[number];

/**
 * The only error this lib throws. `permanent` says whether retrying the same thing can help
 * (a queue terminates a permanent failure and naks a transient one, `retryAfterMs` later).
 * The message names the cause and never carries a password or token.
 */
export class ImapError extends Error {
  override readonly name = 'ImapError';

  constructor(
    readonly kind: ImapErrorKind,
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
