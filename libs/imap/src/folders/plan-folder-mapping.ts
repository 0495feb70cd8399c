import { isInboxPath, pathInNamespace, type PersonalNamespace } from './namespace';
import type { FolderMapper, MappedFolder } from '@btsx/contracts/core';
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

/** Where the user's folder rules send folders, and what they must not write into. */
export interface FolderRules {
  map: FolderMapper;
  /** The destination's other users' and shared namespaces (their prefixes). */
  foreign: readonly string[];
}

/** A folder rule that cannot be followed: the message names the rule. */
export class FolderRuleError extends Error {
  override readonly name = 'FolderRuleError';
}

/** Where a folder goes, and the rule that sent it there (or its parent), if one did. */
interface Placed {
  segments: string[];
  specialUse?: string;
  rule?: string;
}

/**
 * Decides the destination path of every source folder. Pure: the caller lists both sides.
 * Folders are placed by their hierarchy inside each side's personal namespace, so the
 * destination's prefix is added ("INBOX." on Courier) and the source's left behind.
 * Order of precedence: INBOX, then special-use folders onto the destination's folder with the
 * same attribute, then the user's folder rules (which may move INBOX or a special-use folder
 * too), then everything else by hierarchy. Two source folders never share a destination path,
 * compared without case because many servers (Microsoft 365, Gmail) fold it: a later one that
 * collides gets " (2)", " (3)"... on its last segment, except where a rule sent it, which
 * throws FolderRuleError instead (as does a rule that writes into another namespace).
 */
export function planFolderMapping(
  source: RemoteFolder[],
  destination: RemoteFolder[],
  namespace: PersonalNamespace,
  rules?: FolderRules,
): FolderMapping[] {
  const pathOf = (segments: string[]) => pathInNamespace(segments, namespace);
  /** Each destination path taken, with the source folder that took it. */
  const taken = new Map<string, { folder: RemoteFolder; rule?: string }>();
  const claim = (folder: RemoteFolder, segments: string[]): string[] => {
    let candidate = segments;
    for (let n = 2; taken.has(pathKey(pathOf(candidate))); n++) {
      const last = segments.length - 1;
      candidate = [...segments.slice(0, last), `${segments[last]} (${n})`];
    }
    taken.set(pathKey(pathOf(candidate)), { folder });
    return candidate;
  };
  const safeName = (name: string) =>
    safeSegment(name.split(namespace.delimiter).join(DELIMITER_REPLACEMENT));
  const byName = (folder: RemoteFolder): string[] => folder.segments.map(safeName);

  const placed = new Map<RemoteFolder, Placed>();
  const mapped = new Map<RemoteFolder, MappedFolder>();
  for (const folder of source) {
    const rule = rules?.map(folder);
    if (rule) mapped.set(folder, rule);
  }
  const inbox = source.find((folder) => isInboxPath(folder.path));
  if (inbox && !mapped.has(inbox)) placed.set(inbox, { segments: claim(inbox, [INBOX]) });

  const usedSpecial = new Set<string>();
  for (const folder of source) {
    const use = folder.specialUse;
    if (placed.has(folder) || mapped.has(folder)) continue;
    if (!use || !MAPPED_SPECIAL_USES.includes(use) || usedSpecial.has(use)) continue;
    usedSpecial.add(use);
    const target = destination.find((d) => d.specialUse === use);
    placed.set(folder, {
      segments: claim(folder, target ? target.segments : byName(folder)),
      specialUse: use,
    });
  }

  for (const [folder, { segments: levels, rule }] of mapped) {
    const segments = levels.map(safeName);
    const path = segments.length > 0 ? pathOf(segments) : '';
    const where = { foreign: rules?.foreign ?? [], delimiter: namespace.delimiter };
    checkRuleTarget({ folder, path, rule }, taken.get(pathKey(path)), where);
    taken.set(pathKey(path), { folder, rule });
    placed.set(folder, { segments, rule });
  }

  const bySegments = new Map(source.map((folder) => [segmentsKey(folder.segments), folder]));
  // A child follows its parent wherever the parent went (renamed " (2)", onto "Sent Items",
  // or by a rule, which then applies to the child too).
  for (const folder of source) {
    if (placed.has(folder)) continue;
    const names = byName(folder);
    const parent = placed.get(
      bySegments.get(segmentsKey(folder.segments.slice(0, -1))) as RemoteFolder,
    );
    const segments = claim(folder, [
      ...(parent?.segments ?? names.slice(0, -1)),
      names.at(-1) ?? '',
    ]);
    placed.set(folder, { segments, ...(parent?.rule && { rule: parent.rule }) });
  }
  // Keep the source's order so parents come before their children.
  return source.map((folder) => {
    const { segments, specialUse, rule } = placed.get(folder) as Placed;
    return {
      source: folder.path,
      destination: pathOf(segments),
      ...(specialUse ? { specialUse } : {}),
      ...(rule ? { rule } : {}),
    };
  });
}

/** A rule's destination must be a folder of the account's own, and no other folder's. */
function checkRuleTarget(
  target: { folder: RemoteFolder; path: string; rule: string },
  holder: { folder: RemoteFolder; rule?: string } | undefined,
  { foreign, delimiter }: { foreign: readonly string[]; delimiter: string },
): void {
  const { folder, path, rule } = target;
  const says = `Folder rule "${rule}" maps ${folder.path}`;
  if (path === '') throw new FolderRuleError(`${says} onto no folder at all`);
  // "Shared" itself is the root of a "Shared/" namespace.
  if (foreign.some((prefix) => prefix !== '' && `${path}${delimiter}`.startsWith(prefix))) {
    throw new FolderRuleError(`${says} onto ${path}, outside the account's own folders`);
  }
  if (!holder) return;
  const other = holder.rule ? `${holder.folder.path} (rule "${holder.rule}")` : holder.folder.path;
  throw new FolderRuleError(`${says} onto ${path}, where ${other} goes already`);
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
