import { PassedFolder, RenamedFolder, RenamedFrom } from '@btsx/contracts';
import { FolderMapping, ImapSession, readMailboxIds, RemoteFolder, renameFolder } from '@btsx/imap';

/** A folder the previous pass copied, under its source name now. */
export interface FolderRename {
  from: PassedFolder;
  to: string;
}

/**
 * Folders gone from the source since the previous pass, found again under a new name by
 * their MAILBOXID (RFC 8474): the previous pass marked each folder's id, and the folders the
 * job would copy that it did not know are examined for theirs. None where the server offers
 * no OBJECTID, or nothing is gone.
 */
export async function findRenames(
  source: ImapSession,
  since: PassedFolder[] | undefined,
  mappings: FolderMapping[],
  sourceFolders: RemoteFolder[],
): Promise<FolderRename[]> {
  const selectable = new Set(sourceFolders.filter((f) => !f.noSelect).map((f) => f.path));
  const passed = new Set((since ?? []).map((p) => p.source));
  const gone = (since ?? []).filter((p) => p.mailboxId && !selectable.has(p.source));
  if (gone.length === 0) return [];
  const unknown = mappings.map((m) => m.source).filter((s) => selectable.has(s) && !passed.has(s));
  const pathById = new Map(
    [...(await readMailboxIds(source, unknown))].map(([path, id]) => [id, path]),
  );
  return gone.flatMap((from) => {
    const to = pathById.get(from.mailboxId ?? '');
    return to === undefined ? [] : [{ from, to }];
  });
}

/** A rename followed: where the folder's copy is now, and the names its ledger was kept under. */
export interface FollowedRename {
  renamed: RenamedFolder;
  passed: PassedFolder;
  renamedFrom: RenamedFrom;
}

/**
 * Where each renamed folder's copy goes on: under options.mirrorDeletions it is renamed at the
 * destination as well (its subfolders move with it), unless its new name is taken there or
 * the server refuses; otherwise it stays under its old name, so nothing is copied twice.
 * Parents first: a child moved with its parent is found under its new name. `destination`'s
 * listing is kept true as folders move.
 */
export async function followRenames(
  destination: ImapSession,
  destinationFolders: RemoteFolder[],
  renames: FolderRename[],
  { mirror, mapped }: { mirror: boolean; mapped: (source: string) => string | undefined },
): Promise<FollowedRename[]> {
  const has = (path: string) => destinationFolders.some((f) => f.path === path);
  const followed: FollowedRename[] = [];
  const byDepth = [...renames].sort((a, b) => a.from.source.length - b.from.source.length);
  for (const { from, to } of byDepth) {
    const target = mapped(to);
    if (target === undefined) continue;
    const old = from.destination;
    if (mirror && target !== old && has(old) && !has(target)) {
      const moved = await renameFolder(destination, old, target).then(
        () => true,
        () => false,
      );
      if (moved) moveListed(destinationFolders, old, target, destination.delimiter);
    }
    const atTarget = mirror && target !== old && has(target) && !has(old);
    const now = atTarget ? target : old;
    followed.push({
      renamed: { from: from.source, to, destination: now, renamedAtDestination: atTarget },
      passed: { ...from, source: to, destination: now },
      renamedFrom: { source: from.source, destination: old },
    });
  }
  return followed;
}

/** The listing after RENAME `from` `to`: the folder and every folder under it moved. */
function moveListed(folders: RemoteFolder[], from: string, to: string, delimiter: string): void {
  for (const folder of folders) {
    if (folder.path === from) folder.path = to;
    else if (folder.path.startsWith(from + delimiter)) {
      folder.path = to + folder.path.slice(from.length);
    }
  }
}
