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

/** An IMAP sequence set of these UIDs, runs written as ranges: `1:5,7,9:12`. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
