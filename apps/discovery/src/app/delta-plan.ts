import { FolderMark, PassedFolder } from '@btsx/contracts';
import { RemoteFolder } from '@btsx/imap';

/** The previous pass's marks by source folder; empty for a first pass. */
export function marksBySource(since: PassedFolder[] | undefined): Map<string, PassedFolder> {
  return new Map((since ?? []).map((passed) => [passed.source, passed]));
}

/** A passed folder's mark, without the folder pair it was made for. */
export function markOf({
  source: _source,
  destination: _destination,
  ...mark
}: PassedFolder): FolderMark {
  return mark;
}

/**
 * Nothing changed in the folder since its mark: the same UIDVALIDITY, no new UID, as many
 * messages, and a HIGHESTMODSEQ that has not moved (no flag changed, none expunged). Without
 * CONDSTORE only a folder that was and is empty is taken for unchanged: another's flags must
 * be read to know.
 */
export function unchangedSince(mark: FolderMark, listed: RemoteFolder): boolean {
  const same =
    listed.uidValidity === mark.uidValidity &&
    listed.uidNext !== undefined &&
    listed.uidNext <= mark.uidNext &&
    listed.messages === mark.messages;
  const stillEmpty = mark.messages === 0;
  return (
    same &&
    (stillEmpty ||
      (mark.highestModseq !== undefined && listed.highestModseq === mark.highestModseq))
  );
}

/** An empty folder's mark, where its listing said enough: a delta pass passes it by. */
export function emptyMark(listed: RemoteFolder): FolderMark | undefined {
  const { uidValidity, uidNext, highestModseq, messages } = listed;
  if (messages !== 0 || uidValidity === undefined || uidNext === undefined) return undefined;
  return {
    uidValidity,
    uidNext: Math.max(1, uidNext),
    messages,
    ...(highestModseq && { highestModseq }),
  };
}

/** Folders the previous pass copied that the source no longer has (removed, or renamed). */
export function goneSince(
  since: PassedFolder[] | undefined,
  sourceFolders: RemoteFolder[],
): string[] {
  const present = new Set(sourceFolders.filter((f) => !f.noSelect).map((f) => f.path));
  return (since ?? []).map((passed) => passed.source).filter((source) => !present.has(source));
}

/**
 * The messages a delta pass will find new in the folder: its UIDs from the mark to its UIDNEXT
 * (new mail takes consecutive UIDs), or all of them when it was renumbered; 0 when unchanged.
 */
export function messagesSince(mark: FolderMark, listed: RemoteFolder): number | undefined {
  if (unchangedSince(mark, listed)) return 0;
  if (listed.uidValidity !== mark.uidValidity || listed.uidNext === undefined) {
    return listed.messages;
  }
  return Math.max(0, listed.uidNext - mark.uidNext);
}
