import { AuditFindingKind } from '@btsx/contracts';
import { LetterMatcher, LetterTable, sameFlags, TableLetter } from '@btsx/imap';

/** Both sides of a folder pair, each sealed. */
export interface FolderSides {
  source: LetterTable;
  destination: LetterTable;
}

export interface ComparisonRules {
  /** Source UIDs the destination refused during the copy (recorded failures). */
  refusedUids: ReadonlySet<number>;
  /** Identity keys (identityKey) the copy leaves out on purpose: Gmail's All Mail messages a label holds. */
  skipped: ReadonlySet<string>;
  /**
   * Destination messages without a source are expected: Delete Source moved the source
   * away, or the destination folder is a view of every folder (Gmail's All Mail).
   */
  extrasExpected: boolean;
  /** Prove every pair by its bytes; otherwise the lone letter of an identity and size pairs as it is. */
  deep: boolean;
}

/** One message out of place, or a pair whose flags differ. */
export interface Finding {
  kind: AuditFindingKind;
  source?: TableLetter;
  destination?: TableLetter;
}

interface Group {
  source: TableLetter[];
  destination: TableLetter[];
}

/**
 * The matching rule as the audit applies it: every destination letter may be a source letter
 * as the server rewrote it (reported as changed, not missing); pairs trusted on identity and
 * size alone unless the audit is deep.
 */
function matcherFor(rules: ComparisonRules) {
  return new LetterMatcher<TableLetter, TableLetter>({
    trustLoneSize: !rules.deep,
    mayBeRewritten: () => true,
  });
}

/** The letters whose digests compareSides will look at, as rows of each side's table. */
export interface NeededRows {
  source: number[];
  destination: number[];
}

/** The letters whose digests compareSides will look at: fetch them before it runs. */
export function digestsNeeded(sides: FolderSides, rules: ComparisonRules): NeededRows {
  const matcher = matcherFor(rules);
  const needed: NeededRows = { source: [], destination: [] };
  for (const group of groupsOf(sides, rules)) {
    const { source, destination } = matcher.needs(group.source, group.destination);
    for (const letter of source) needed.source.push(sides.source.rowOf(letter.uid));
    for (const letter of destination) needed.destination.push(sides.destination.rowOf(letter.uid));
  }
  return needed;
}

/**
 * Compares one folder pair letter by letter, reading both sides afresh: never the copier's
 * records. A source letter is at the destination when the matching rule finds it there
 * (docs/architecture.md); otherwise it is missing, or refused when the copy recorded the
 * destination's refusal. Yields each finding as it is made, so that memory holds none.
 */
export function* compareSides(sides: FolderSides, rules: ComparisonRules): Generator<Finding> {
  const matcher = matcherFor(rules);
  const digests = {
    source: (uid: number) => sides.source.digest(sides.source.rowOf(uid)),
    destination: (uid: number) => sides.destination.digest(sides.destination.rowOf(uid)),
  };
  for (const group of groupsOf(sides, rules)) {
    const match = matcher.pair(group.source, group.destination, digests);
    for (const { source, destination, kind } of match.pairs) {
      if (kind === 'rewritten') yield { kind: 'changed', source, destination };
      if (!sameFlags(source.flags, destination.flags)) yield { kind: 'flags', source, destination };
    }
    for (const source of match.sourceLeft) {
      yield { kind: rules.refusedUids.has(source.uid) ? 'refused' : 'missing', source };
    }
    if (rules.extrasExpected) continue;
    for (const destination of match.destinationLeft) yield { kind: 'extra', destination };
  }
}

/** Both tables' identity groups side by side, in key order; skipped identities left out. */
function* groupsOf(sides: FolderSides, rules: ComparisonRules): Generator<Group> {
  const source = sides.source.groups();
  const destination = sides.destination.groups();
  let s = source.next();
  let d = destination.next();
  while (!s.done || !d.done) {
    const key = s.done ? d.value!.key : d.done ? s.value.key : minKey(s.value.key, d.value.key);
    const group: Group = { source: [], destination: [] };
    if (!s.done && s.value.key === key) {
      group.source = s.value.rows.map((row) => sides.source.letter(row));
      s = source.next();
    }
    if (!d.done && d.value.key === key) {
      group.destination = d.value.rows.map((row) => sides.destination.letter(row));
      d = destination.next();
    }
    if (!rules.skipped.has(key)) yield group;
  }
}

function minKey(a: string, b: string): string {
  return a < b ? a : b;
}
