import { LOGICAL_SEPARATOR, toSegments } from '../logical-path';
import {
  snapshotMessage,
  type MailboxSnapshot,
  type SnapshotFolder,
  type SnapshotMessage,
} from '../mailbox-snapshot';
import type { InteropLayout } from './interop-layouts';

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

/** Where a folder lands, logically: what the destination refuses in a name becomes '_'. */
function destinationPath(path: string, refused: string[]): string {
  const standIn = (segment: string) =>
    refused.reduce((name, character) => name.split(character).join(SEPARATOR_STAND_IN), segment);
  return toSegments(path).map(standIn).join(LOGICAL_SEPARATOR);
}

/**
 * What the destination must hold once `source` (read with its bytes) is copied: the same
 * folders and messages, each stored as the destination's habits say, without those it refuses.
 */
export function expectedCopy(
  source: MailboxSnapshot,
  from: InteropLayout,
  to: InteropLayout,
  toSeparator: string,
): ExpectedCopy {
  const refused: ExpectedRefusal[] = [];
  let rewritten = 0;
  const destination = asLabelSource(source, from).map((folder): SnapshotFolder => {
    const messages: SnapshotMessage[] = [];
    for (const message of folder.messages) {
      const raw = message.raw ?? Buffer.alloc(0);
      const storing = to.habits(raw);
      if ('refused' in storing) {
        refused.push({ folder: folder.path, size: message.size, reason: storing.refused });
        continue;
      }
      if (!storing.stored.equals(raw)) rewritten++;
      const date = new Date(message.internalDate * 1000);
      messages.push(snapshotMessage(storing.stored, message.flags, date));
    }
    const refusedInNames = [toSeparator, ...(to.refusedInNames ?? [])];
    return { ...folder, path: destinationPath(folder.path, refusedInNames), messages };
  });
  return { destination, refused, rewritten };
}
