import { isInboxPath, pathInNamespace, type PersonalNamespace } from './namespace';
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
 * Folders are placed by their hierarchy inside each side's personal namespace, so the
 * destination's prefix is added ("INBOX." on Courier) and the source's left behind.
 * Order of precedence: INBOX, then special-use folders onto the destination's folder with the
 * same attribute, then everything else by hierarchy. Two source folders never share a
 * destination path, compared without case because many servers (Microsoft 365, Gmail) fold it:
 * a later one that collides gets " (2)", " (3)"... on its last segment.
 */
export function planFolderMapping(
  source: RemoteFolder[],
  destination: RemoteFolder[],
  namespace: PersonalNamespace,
): FolderMapping[] {
  const pathOf = (segments: string[]) => pathInNamespace(segments, namespace);
  const taken = new Set<string>();
  const claim = (segments: string[]): string[] => {
    let candidate = segments;
    for (let n = 2; taken.has(pathKey(pathOf(candidate))); n++) {
      const last = segments.length - 1;
      candidate = [...segments.slice(0, last), `${segments[last]} (${n})`];
    }
    taken.add(pathKey(pathOf(candidate)));
    return candidate;
  };
  const byName = (folder: RemoteFolder): string[] =>
    folder.segments.map((s) =>
      safeSegment(s.split(namespace.delimiter).join(DELIMITER_REPLACEMENT)),
    );

  const placed = new Map<RemoteFolder, { segments: string[]; specialUse?: string }>();
  const inbox = source.find((folder) => isInboxPath(folder.path));
  if (inbox) placed.set(inbox, { segments: claim([INBOX]) });

  const usedSpecial = new Set<string>();
  for (const folder of source) {
    const use = folder.specialUse;
    if (placed.has(folder) || !use || !MAPPED_SPECIAL_USES.includes(use) || usedSpecial.has(use)) {
      continue;
    }
    usedSpecial.add(use);
    const target = destination.find((d) => d.specialUse === use);
    placed.set(folder, {
      segments: claim(target ? target.segments : byName(folder)),
      specialUse: use,
    });
  }

  const bySegments = new Map(source.map((folder) => [segmentsKey(folder.segments), folder]));
  // A child follows its parent wherever the parent went (renamed " (2)", onto "Sent Items").
  const parentSegments = (folder: RemoteFolder, names: string[]): string[] => {
    const parent = bySegments.get(segmentsKey(folder.segments.slice(0, -1)));
    return (parent && placed.get(parent)?.segments) ?? names.slice(0, -1);
  };
  for (const folder of source) {
    if (placed.has(folder)) continue;
    const names = byName(folder);
    placed.set(folder, { segments: claim([...parentSegments(folder, names), names.at(-1) ?? '']) });
  }
  // Keep the source's order so parents come before their children.
  return source.map((folder) => {
    const { segments, specialUse } = placed.get(folder) as {
      segments: string[];
      specialUse?: string;
    };
    return {
      source: folder.path,
      destination: pathOf(segments),
      ...(specialUse ? { specialUse } : {}),
    };
  });
}

function segmentsKey(segments: string[]): string {
  return segments.join('\u0000');
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
