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

/**
 * Servers limit a command line's length (Dovecot: 64 KB by default); a set of scattered UIDs
 * is cut into several sets of at most this many characters.
 */
const MAX_SET_CHARS = 8_000;

/** An IMAP sequence set of these UIDs, runs written as ranges: `1:5,7,9:12`. */
export function uidSet(uids: readonly number[]): string {
  return uidSets(uids, Infinity)[0] ?? '';
}

/** uidSet cut into sets short enough for one command line each, in UID order. */
export function uidSets(uids: readonly number[], maxChars = MAX_SET_CHARS): string[] {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const sets: string[] = [];
  let current = '';
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const run = i === j ? `${sorted[i]}` : `${sorted[i]}:${sorted[j]}`;
    if (current && current.length + 1 + run.length > maxChars) {
      sets.push(current);
      current = run;
    } else {
      current = current ? `${current},${run}` : run;
    }
    i = j + 1;
  }
  if (current) sets.push(current);
  return sets;
}
