import type { FolderMapping, RemoteFolder } from './remote-folder';

/** RFC 6154 attributes mapped onto the destination's own folder of the same role. */
export const MAPPED_SPECIAL_USES = ['\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive'];

const INBOX = 'INBOX';
/**
 * Stands in for a destination delimiter found inside a source name ("a.b" on a '.' server),
 * so the name stays one folder instead of becoming a child. Also used for '/'.
 */
export const DELIMITER_REPLACEMENT = '_';

/**
 * Decides the destination path of every source folder. Pure: the caller lists both sides.
 * Order of precedence: INBOX, then special-use folders onto the destination's folder with the
 * same attribute, then everything else by hierarchy. Two source folders never share a
 * destination path: a later one that collides gets " (2)", " (3)"... on its last segment.
 */
export function planFolderMapping(
  source: RemoteFolder[],
  destination: RemoteFolder[],
  destinationDelimiter: string,
): FolderMapping[] {
  const taken = new Set<string>();
  const claim = (path: string, segments: string[]): string => {
    let candidate = path;
    for (let n = 2; taken.has(pathKey(candidate)); n++) {
      const last = segments.length - 1;
      candidate = [...segments.slice(0, last), `${segments[last]} (${n})`].join(
        destinationDelimiter,
      );
    }
    taken.add(pathKey(candidate));
    return candidate;
  };
  const byName = (folder: RemoteFolder): string[] =>
    folder.segments.map((s) => s.split(destinationDelimiter).join(DELIMITER_REPLACEMENT));

  const planned = new Map<RemoteFolder, FolderMapping>();
  const inbox = source.find(isInbox);
  if (inbox) planned.set(inbox, { source: inbox.path, destination: claim(INBOX, [INBOX]) });

  const usedSpecial = new Set<string>();
  for (const folder of source) {
    const use = folder.specialUse;
    if (planned.has(folder) || !use || !MAPPED_SPECIAL_USES.includes(use) || usedSpecial.has(use)) {
      continue;
    }
    usedSpecial.add(use);
    const target = destination.find((d) => d.specialUse === use);
    const segments = target ? target.path.split(destinationDelimiter) : byName(folder);
    const path = claim(target ? target.path : segments.join(destinationDelimiter), segments);
    planned.set(folder, { source: folder.path, destination: path, specialUse: use });
  }

  for (const folder of source) {
    if (planned.has(folder)) continue;
    const segments = byName(folder);
    planned.set(folder, {
      source: folder.path,
      destination: claim(segments.join(destinationDelimiter), segments),
    });
  }
  // Keep the source's order so parents come before their children.
  return source.map((folder) => planned.get(folder) as FolderMapping);
}

function isInbox(folder: RemoteFolder): boolean {
  return folder.path.toUpperCase() === INBOX;
}

/** INBOX is case-insensitive (RFC 3501 section 5.1); every other name is compared as is. */
function pathKey(path: string): string {
  return path.toUpperCase() === INBOX ? INBOX : path;
}
