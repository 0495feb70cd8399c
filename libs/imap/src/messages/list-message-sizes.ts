import type { FolderAccess } from './folder-access';
import type { FolderReader } from './folder-reader';
import { inRange, uidSequence, type UidRange } from './uid-range';

export interface MessageSize {
  uid: number;
  size: number;
}

/** UID FETCH from:to (RFC822.SIZE), ascending: enough to cut a range into batches by bytes. */
export async function listMessageSizes(
  reader: FolderReader,
  folder: string,
  range: UidRange,
  access: FolderAccess = {},
): Promise<MessageSize[]> {
  const sizes: MessageSize[] = [];
  for await (const row of reader.fetch(folder, access, uidSequence(range), { size: true })) {
    if (inRange(row.uid, range)) sizes.push({ uid: row.uid, size: row.size ?? 0 });
  }
  return sizes.sort((a, b) => a.uid - b.uid);
}
