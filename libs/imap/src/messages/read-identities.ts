import type { FolderAccess } from './folder-access';
import type { FolderReader } from './folder-reader';
import { readLetters } from './read-letters';

export interface IdentifiedMessage {
  uid: number;
  flags: string[];
  size: number;
}

/**
 * One FETCH pass over a whole folder: BODY.PEEK[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)],
 * RFC822.SIZE and FLAGS. Several messages can share an identity (the same mail filed twice),
 * hence a list per key.
 */
export async function readIdentities(
  reader: FolderReader,
  folder: string,
  access: FolderAccess = {},
): Promise<Map<string, IdentifiedMessage[]>> {
  const identities = new Map<string, IdentifiedMessage[]>();
  for await (const { uid, flags, size, identity } of readLetters(reader, folder, '1:*', access)) {
    identities.set(identity, [...(identities.get(identity) ?? []), { uid, flags, size }]);
  }
  return identities;
}

/** Every identity these folders hold, read (EXAMINE) one folder after the other. */
export async function identitiesIn(reader: FolderReader, folders: string[]): Promise<Set<string>> {
  const identities = new Set<string>();
  for (const folder of folders) {
    const found = await readIdentities(reader, folder, { readOnly: true });
    for (const identity of found.keys()) identities.add(identity);
  }
  return identities;
}
