import type { RemoteFolder } from '@btsx/imap';

/** A folder is cut at most this many ways; more tasks than copier slots only queue. */
export const MAX_RANGES = 64;

export interface UidRange {
  uidFrom: number;
  /** Absent on the last range: it runs to the end, so mail arriving meanwhile is copied too. */
  uidTo?: number;
}

/**
 * Cuts a folder of at least twice `messagesPerRange` messages into ranges of its UID space
 * (1 to UIDNEXT-1), so several connections copy it side by side. UIDs may be sparse, so ranges
 * are even in UIDs, roughly even in messages. Without counts, or with 0, the folder stays whole.
 */
export function splitUidRanges(
  folder: Pick<RemoteFolder, 'messages' | 'uidNext'> | undefined,
  messagesPerRange: number,
): UidRange[] {
  const messages = folder?.messages ?? 0;
  const lastUid = (folder?.uidNext ?? 0) - 1;
  const wanted = messagesPerRange > 0 ? Math.floor(messages / messagesPerRange) : 1;
  const ranges = Math.min(MAX_RANGES, wanted, lastUid);
  if (ranges < 2) return [{ uidFrom: 1 }];
  const width = Math.ceil(lastUid / ranges);
  return Array.from({ length: ranges }, (_, n) => {
    const uidFrom = n * width + 1;
    return n === ranges - 1
      ? { uidFrom }
      : { uidFrom, uidTo: Math.min(lastUid, uidFrom + width - 1) };
  });
}
