import { type MessageDigest, sameBytes, sameCanonical } from './message-digest';

/** A message as the matching rule sees it: where it is, what names it, how large it is. */
export interface Letter {
  uid: number;
  /** messageIdentity(): the Message-ID, or a digest of a few headers when it has none. */
  identity: string;
  size: number;
}

/**
 * How a source letter was found at the destination: `size`, the only letter of its identity
 * and size on each side (trusted without reading a byte: the audit's everyday mode); `same`,
 * the same bytes (SHA-256); `rewritten`, the same letter as a server rewrites it (canonical
 * digest).
 */
export type PairKind = 'size' | 'same' | 'rewritten';

export interface LetterPair<S extends Letter, D extends Letter> {
  source: S;
  destination: D;
  kind: PairKind;
}

export interface LetterMatch<S extends Letter, D extends Letter> {
  pairs: LetterPair<S, D>[];
  /** Source letters the destination does not hold. */
  sourceLeft: S[];
  /** Destination letters that are none of the source's. */
  destinationLeft: D[];
}

export interface MatchRules<D extends Letter> {
  /**
   * Pair the lone source and destination letter of one identity and size without digests.
   * Off, every pair is proven by content.
   */
  trustLoneSize: boolean;
  /** Destination letters that may be a source letter as the server rewrote it. */
  mayBeRewritten(destination: D): boolean;
}

/** Digests fetched for the letters that need them; a letter without one matches nothing by content. */
export interface KnownDigests {
  source(uid: number): MessageDigest | undefined;
  destination(uid: number): MessageDigest | undefined;
}

interface Group<S, D> {
  source: S[];
  destination: D[];
}

/**
 * The rule that tells whether a letter is already at the destination (docs/architecture.md,
 * "Never one letter for another"). An identity (Message-ID) only finds candidates; a
 * candidate is the same letter when its bytes are (size first, then SHA-256), or, where the
 * rules allow, when its canonical form is. Each letter on either side pairs at most once.
 *
 * Two steps, so that the caller fetches every digest a batch or folder needs at once:
 * `needs` says which letters must be read, `pair` decides once their digests are known.
 */
export class LetterMatcher<S extends Letter, D extends Letter> {
  constructor(private readonly rules: MatchRules<D>) {}

  /** The letters whose digests `pair` will look at. */
  needs(source: S[], destination: D[]): { source: S[]; destination: D[] } {
    const needed = { source: [] as S[], destination: [] as D[] };
    for (const group of groups(source, destination)) {
      const left = this.unpairedBySize(group, []);
      if (left.source.length === 0) continue;
      const sizes = new Set(left.source.map((s) => s.size));
      const candidates = left.destination.filter(
        (d) => sizes.has(d.size) || this.rules.mayBeRewritten(d),
      );
      if (candidates.length === 0) continue;
      needed.source.push(...left.source);
      needed.destination.push(...candidates);
    }
    return needed;
  }

  pair(source: S[], destination: D[], digests: KnownDigests): LetterMatch<S, D> {
    const match: LetterMatch<S, D> = { pairs: [], sourceLeft: [], destinationLeft: [] };
    for (const group of groups(source, destination)) {
      const left = this.unpairedBySize(group, match.pairs);
      const bytes = this.pairByContent(left, digests, match.pairs);
      const rewritten = this.pairRewritten(bytes, digests, match.pairs);
      match.sourceLeft.push(...rewritten.source);
      match.destinationLeft.push(...rewritten.destination);
    }
    return match;
  }

  /** Pairs the lone letter of each size on both sides, when the rules trust sizes. */
  private unpairedBySize(group: Group<S, D>, pairs: LetterPair<S, D>[]): Group<S, D> {
    if (!this.rules.trustLoneSize) return group;
    const lone = (letters: Letter[], size: number) =>
      letters.filter((l) => l.size === size).length === 1;
    const left: Group<S, D> = { source: [], destination: [...group.destination] };
    for (const s of group.source) {
      const index = left.destination.findIndex((d) => d.size === s.size);
      const trusted = index >= 0 && lone(group.source, s.size) && lone(group.destination, s.size);
      if (!trusted) left.source.push(s);
      else
        pairs.push({ source: s, destination: left.destination.splice(index, 1)[0], kind: 'size' });
    }
    return left;
  }

  /**
   * Same bytes. Letters the server may have rewritten are offered last, so that a rewritten
   * copy stays free for the source letter it was made from.
   */
  private pairByContent(
    group: Group<S, D>,
    digests: KnownDigests,
    pairs: LetterPair<S, D>[],
  ): Group<S, D> {
    const ordered = [
      ...group.destination.filter((d) => !this.rules.mayBeRewritten(d)),
      ...group.destination.filter((d) => this.rules.mayBeRewritten(d)),
    ];
    return pairWhere(group.source, ordered, digests, sameBytes, (s, d) =>
      pairs.push({ source: s, destination: d, kind: 'same' }),
    );
  }

  private pairRewritten(
    group: Group<S, D>,
    digests: KnownDigests,
    pairs: LetterPair<S, D>[],
  ): Group<S, D> {
    const candidates = group.destination.filter((d) => this.rules.mayBeRewritten(d));
    const paired = pairWhere(group.source, candidates, digests, sameCanonical, (s, d) =>
      pairs.push({ source: s, destination: d, kind: 'rewritten' }),
    );
    const others = group.destination.filter((d) => !this.rules.mayBeRewritten(d));
    return { source: paired.source, destination: [...others, ...paired.destination] };
  }
}

/** Greedy pairing under an equivalence (equal digests): as many pairs as there can be. */
function pairWhere<S extends Letter, D extends Letter>(
  source: S[],
  destination: D[],
  digests: KnownDigests,
  equal: (a: MessageDigest, b: MessageDigest) => boolean,
  paired: (s: S, d: D) => void,
): Group<S, D> {
  const free = [...destination];
  const left: S[] = [];
  for (const s of source) {
    const sd = digests.source(s.uid);
    const index = sd
      ? free.findIndex((d) => {
          const dd = digests.destination(d.uid);
          return dd !== undefined && equal(sd, dd);
        })
      : -1;
    if (index < 0) left.push(s);
    else paired(s, free.splice(index, 1)[0]);
  }
  return { source: left, destination: free };
}

/** Letters by identity, each side in UID order (the order a copier appends them). */
function groups<S extends Letter, D extends Letter>(source: S[], destination: D[]): Group<S, D>[] {
  const byIdentity = new Map<string, Group<S, D>>();
  const groupOf = (identity: string) => {
    let group = byIdentity.get(identity);
    if (!group) byIdentity.set(identity, (group = { source: [], destination: [] }));
    return group;
  };
  for (const s of [...source].sort(byUid)) groupOf(s.identity).source.push(s);
  for (const d of [...destination].sort(byUid)) groupOf(d.identity).destination.push(d);
  return [...byIdentity.values()];
}

const byUid = (a: Letter, b: Letter) => a.uid - b.uid;
