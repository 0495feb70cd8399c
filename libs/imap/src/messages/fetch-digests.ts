import { digestMessage, type MessageDigest } from '../matching/message-digest';
import { LARGE_MESSAGE_BYTES, readInPieces } from './fetch-large-message';
import type { FolderAccess } from './folder-access';
import type { FolderReader } from './folder-reader';
import { uidSets } from './uid-range';

/**
 * Reads these messages' bytes (BODY.PEEK[], so \Seen stays as it was) and hands each one's
 * digests to `found`, never holding more than one message: small ones stream in one UID
 * FETCH, each large one is read in pieces. A message expunged meanwhile is simply not found.
 */
export async function fetchDigests(
  reader: FolderReader,
  folder: string,
  letters: Iterable<{ uid: number; size: number }>,
  found: (uid: number, digest: MessageDigest) => void,
  access: FolderAccess = {},
): Promise<void> {
  const small: number[] = [];
  const large: { uid: number; size: number }[] = [];
  for (const letter of letters) {
    if (letter.size < LARGE_MESSAGE_BYTES) small.push(letter.uid);
    else large.push(letter);
  }
  if (small.length + large.length === 0) return;
  for (const set of uidSets(small)) {
    for await (const row of reader.fetch(folder, access, set, { source: true })) {
      if (row.source) found(row.uid, await digestMessage([row.source]));
    }
  }
  for (const { uid, size } of large) {
    const pieces = readInPieces({ reader, folder, access }, uid, size);
    found(uid, await digestMessage(pieces));
  }
}

/** fetchDigests gathered into a map by UID: for the few letters a batch or a group needs. */
export async function digestsByUid(
  reader: FolderReader,
  folder: string,
  letters: Iterable<{ uid: number; size: number }>,
  access: FolderAccess = {},
): Promise<Map<number, MessageDigest>> {
  const digests = new Map<number, MessageDigest>();
  await fetchDigests(reader, folder, letters, (uid, digest) => digests.set(uid, digest), access);
  return digests;
}
