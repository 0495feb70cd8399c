import { LOGICAL_SEPARATOR, toSegments } from '../logical-path';
import {
  snapshotMessage,
  type MailboxSnapshot,
  type SnapshotFolder,
  type SnapshotMessage,
} from '../mailbox-snapshot';
import type { InteropLayout } from './interop-layouts';
import type { ServerHabits } from './server-habits';

/** The product's stand-in for the destination's separator inside a source name. */
const SEPARATOR_STAND_IN = '_';

/** A message the destination is documented to refuse: the job must report it. */
export interface ExpectedRefusal {
  folder: string;
  size: number;
  reason: RegExp;
}

/** What a job from one layout to another must leave at the destination, and report. */
export interface ExpectedCopy {
  destination: MailboxSnapshot;
  refused: ExpectedRefusal[];
  /** Messages the destination stores rewritten (the audit's "changed by the destination"). */
  rewritten: number;
  /** Folders under a legal substitute (logical paths): the job must name both. */
  renamed: { source: string; destination: string }[];
  /** Source messages the matrix's message filter leaves out, in the folders the job reads. */
  filtered: number;
}

/** A folder rule every run of the matrix carries, and where it must send its folder. */
export const INTEROP_FOLDER_RULE = { from: 'with space', to: 'Moved/with space' };

/**
 * A message filter every run carries: the fixture's oldest mail and its \Deleted messages are
 * left out (the hostile messages are younger than `since`: their refusals stay).
 */
export const INTEROP_MESSAGE_FILTER = { since: '2014-01-01', skipDeleted: true };

/** What the filter keeps, as the matrix expects it (the product's own rule is not reused). */
function keptByFilter(message: SnapshotMessage): boolean {
  const since = Date.parse(`${INTEROP_MESSAGE_FILTER.since}T00:00:00Z`);
  return message.internalDate * 1000 >= since && !message.flags.includes('\\Deleted');
}

/** The source without what the filter leaves out, and how many it left out where the job reads. */
function filtered(source: MailboxSnapshot, from: InteropLayout) {
  const unread = from.views?.others ?? [];
  const kept = source.map((folder) => ({
    ...folder,
    messages: folder.messages.filter(keptByFilter),
  }));
  const count = source
    .filter((folder) => !unread.includes(folder.path))
    .reduce((n, folder) => n + folder.messages.filter((m) => !keptByFilter(m)).length, 0);
  return { kept, count };
}

const sameMessage = (a: SnapshotMessage, b: SnapshotMessage): boolean =>
  a.sha256 === b.sha256 && a.size === b.size;

/**
 * A Gmail-like source as BTSX copies it: the views are left out, and All Mail stands for the
 * Archive with only the messages no copied label or system folder holds.
 */
function asLabelSource(source: MailboxSnapshot, from: InteropLayout): MailboxSnapshot {
  const views = from.views;
  if (!views) return source;
  const viewPaths = [views.allMail, ...views.others];
  const folders = source.filter((folder) => !viewPaths.includes(folder.path));
  const labelled = folders.flatMap((folder) => folder.messages);
  const allMail = source.find((folder) => folder.path === views.allMail)?.messages ?? [];
  const archived = allMail.filter((message) => {
    const index = labelled.findIndex((m) => sameMessage(m, message));
    if (index >= 0) labelled.splice(index, 1);
    return index < 0;
  });
  if (archived.length === 0) return folders;
  return [...folders, { path: views.allMail, specialUse: '\\Archive', messages: archived }];
}

/**
 * A message (read with its bytes: readMailbox's keepSource) as a server with these habits
 * keeps it, or that server's refusal.
 */
export function storedBy(
  message: SnapshotMessage,
  habits: ServerHabits,
): SnapshotMessage | { refused: RegExp } {
  const storing = habits(message.raw ?? Buffer.alloc(0));
  if ('refused' in storing) return storing;
  return snapshotMessage(storing.stored, message.flags, new Date(message.internalDate * 1000));
}

/** Where a folder lands, logically: what the destination refuses in a name becomes '_'. */
function destinationPath(path: string, refused: string[]): string {
  const standIn = (segment: string) =>
    refused.reduce((name, character) => name.split(character).join(SEPARATOR_STAND_IN), segment);
  return toSegments(path).map(standIn).join(LOGICAL_SEPARATOR);
}

/**
 * What the destination must hold once `source` (read with its bytes) is copied: the same
 * folders and messages (the rule's folder where it sends it), each stored as the destination's
 * habits say, without those it refuses.
 */
export function expectedCopy(
  source: MailboxSnapshot,
  from: InteropLayout,
  to: InteropLayout,
  toSeparator: string,
): ExpectedCopy {
  const refused: ExpectedRefusal[] = [];
  const renamed: ExpectedCopy['renamed'] = [];
  let rewritten = 0;
  const { kept, count } = filtered(source, from);
  const destination = asLabelSource(kept, from).map((folder): SnapshotFolder => {
    const messages: SnapshotMessage[] = [];
    for (const message of folder.messages) {
      const stored = storedBy(message, to.habits);
      if ('refused' in stored) {
        refused.push({ folder: folder.path, size: message.size, reason: stored.refused });
        continue;
      }
      if (stored.sha256 !== message.sha256) rewritten++;
      messages.push(stored);
    }
    // The separator in a name is replaced as a matter of course; a refused name is reported.
    const moved = folder.path === INTEROP_FOLDER_RULE.from ? INTEROP_FOLDER_RULE.to : folder.path;
    const mapped = destinationPath(moved, [toSeparator]);
    const path = destinationPath(mapped, to.refusedInNames ?? []);
    if (path !== mapped) renamed.push({ source: folder.path, destination: path });
    return { ...folder, path, messages };
  });
  return { destination, refused, rewritten, renamed, filtered: count };
}
