import { filtersByDate, type MessageFilter } from '@btsx/contracts';
import type { FolderAccess } from './folder-access';
import type { FolderReader } from './folder-reader';
import { inRange, uidSequence, type UidRange } from './uid-range';

export interface MessageSize {
  uid: number;
  size: number;
}

/** A listed message with what a message filter looks at, where the filter asked for it. */
export interface ListedMessage extends MessageSize {
  internalDate?: Date;
  flags?: string[];
}

/**
 * UID FETCH from:to (RFC822.SIZE), ascending: enough to cut a range into batches by bytes.
 * With a filter, each message's INTERNALDATE or FLAGS too, where the filter looks at them.
 */
export async function listMessageSizes(
  reader: FolderReader,
  folder: string,
  range: UidRange,
  access: FolderAccess = {},
  filter?: MessageFilter,
): Promise<ListedMessage[]> {
  const query = { size: true, internalDate: filtersByDate(filter), flags: !!filter?.skipDeleted };
  const listed: ListedMessage[] = [];
  for await (const row of reader.fetch(folder, access, uidSequence(range), query)) {
    if (!inRange(row.uid, range)) continue;
    const message: ListedMessage = { uid: row.uid, size: row.size ?? 0 };
    if (query.internalDate) message.internalDate = row.internalDate;
    if (query.flags) message.flags = [...(row.flags ?? [])];
    listed.push(message);
  }
  return listed.sort((a, b) => a.uid - b.uid);
}
