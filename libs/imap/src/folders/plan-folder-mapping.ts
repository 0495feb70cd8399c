import type { FolderMapping, RemoteFolder } from './remote-folder';

/** RFC 6154 attributes mapped onto the destination's own folder of the same role. */
export const MAPPED_SPECIAL_USES = ['\\Sent', '\\Drafts', '\\Trash', '\\Junk', '\\Archive'];

const INBOX = 'INBOX';
/**
 * Stands in for a destination delimiter found inside a source name ("a.b" on a '.' server),
 * so the name stays one folder instead of becoming a child. Also used for '/', and for the
 * dots of a segment that is a path step (see `safeSegment`).
 */
export const DELIMITER_REPLACEMENT = '_';
/** Segments a file-backed server could take as "this folder" or "the parent folder". */
const PATH_STEPS = new Set(['', '.', '..']);

/**
 * Decides the destination path of every source folder. Pure: the caller lists both sides.
 * Order of precedence: INBOX, then special-use folders onto the destination's folder with the
 * same attribute, then everything else by hierarchy. Two source folders never share a
 * destination path, compared without case because many servers (Microsoft 365, Gmail) fold it:
 * a later one that collides gets " (2)", " (3)"... on its last segment.
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
    folder.segments.map((s) =>
      safeSegment(s.split(destinationDelimiter).join(DELIMITER_REPLACEMENT)),
    );

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

  const byPath = new Map(source.map((folder) => [folder.path, folder]));
  // A child follows its parent wherever the parent went (renamed " (2)", onto "Sent Items").
  const parentSegments = (folder: RemoteFolder, names: string[]): string[] => {
    const parent = byPath.get(folder.segments.slice(0, -1).join(folder.delimiter));
    const mapped = parent && planned.get(parent);
    return mapped ? mapped.destination.split(destinationDelimiter) : names.slice(0, -1);
  };
  for (const folder of source) {
    if (planned.has(folder)) continue;
    const names = byName(folder);
    const segments = [...parentSegments(folder, names), names[names.length - 1]];
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

/**
 * Never "", "." or "..": a server storing folders as directories must not be handed a step out
 * of the user's mail directory, and an empty segment is no name at all.
 */
function safeSegment(segment: string): string {
  if (!PATH_STEPS.has(segment)) return segment;
  return segment === '' ? DELIMITER_REPLACEMENT : segment.replaceAll('.', DELIMITER_REPLACEMENT);
}

/** Case-insensitive, as INBOX always is (RFC 3501 section 5.1) and many servers are for all names. */
function pathKey(path: string): string {
  return path.toLocaleUpperCase('en-US');
}
