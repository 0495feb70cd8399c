export interface UidRange {
  from: number;
  /** Inclusive; absent means "to the end of the folder". */
  to?: number;
}

/** The IMAP sequence set of a range. */
export function uidSequence(range: UidRange): string {
  return `${range.from}:${range.to ?? '*'}`;
}

/**
 * `n:*` always includes the highest UID, even when it is below n (RFC 3501 section 6.4.8),
 * so every answer is filtered against the range it asked for.
 */
export function inRange(uid: number, range: UidRange): boolean {
  return uid >= range.from && (range.to === undefined || uid <= range.to);
}
