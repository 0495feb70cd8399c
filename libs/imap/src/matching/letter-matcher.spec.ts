import fc from 'fast-check';
import { type Letter, LetterMatcher, type MatchRules } from './letter-matcher';
import { digestMessage, type MessageDigest, sameBytes, sameCanonical } from './message-digest';

interface TestLetter extends Letter {
  bytes: Buffer;
}

const STRICT: MatchRules<TestLetter> = { trustLoneSize: false, mayBeRewritten: () => false };

/** A letter with a header of raw 8-bit bytes (Cyrus would rewrite them) and a body. */
function letter(uid: number, messageId: string, body: string): TestLetter {
  const bytes = Buffer.from(
    `Message-ID: <${messageId}>\r\nSubject: caf\xe9\r\n\r\n${body}\r\n`,
    'latin1',
  );
  return { uid, identity: `mid:<${messageId}>`, size: bytes.length, bytes };
}

/** The same letter as a server that rewrites 8-bit header bytes stores it. */
function munged(uid: number, original: TestLetter): TestLetter {
  const bytes = Buffer.from(original.bytes.toString('latin1').replace('\xe9', 'X'), 'latin1');
  return { ...original, uid, bytes };
}

/** Runs the rule as a caller does: digests only for the letters `needs` names. */
async function match(
  rules: MatchRules<TestLetter>,
  source: TestLetter[],
  destination: TestLetter[],
) {
  const matcher = new LetterMatcher<TestLetter, TestLetter>(rules);
  const needed = matcher.needs(source, destination);
  const digestsOf = async (letters: TestLetter[]) =>
    new Map(
      await Promise.all(letters.map(async (l) => [l.uid, await digestMessage([l.bytes])] as const)),
    );
  const [s, d] = await Promise.all([digestsOf(needed.source), digestsOf(needed.destination)]);
  return matcher.pair(source, destination, {
    source: (uid) => s.get(uid),
    destination: (uid) => d.get(uid),
  });
}

describe('LetterMatcher', () => {
  it('never takes another letter with the same Message-ID and size for the source letter', async () => {
    const mine = letter(1, 'digest@list', 'the source letter');
    const theirs = letter(7, 'digest@list', 'another letter!!!');
    expect(mine.size).toBe(theirs.size);
    const result = await match(STRICT, [mine], [theirs]);
    expect(result.pairs).toEqual([]);
    expect(result.sourceLeft).toEqual([mine]);
  });

  it('finds the copy among letters that share its Message-ID and size', async () => {
    const mine = letter(1, 'digest@list', 'the source letter');
    const theirs = letter(7, 'digest@list', 'another letter!!!');
    const copy = { ...mine, uid: 9 };
    const result = await match(STRICT, [mine], [theirs, copy]);
    expect(result.pairs.map((p) => [p.source.uid, p.destination.uid, p.kind])).toEqual([
      [1, 9, 'same'],
    ]);
    expect(result.destinationLeft).toEqual([theirs]);
  });

  it('takes a rewritten copy for the letter only where the rules allow it', async () => {
    const mine = letter(1, 'a@x', 'body');
    const copy = munged(5, mine);
    expect((await match(STRICT, [mine], [copy])).pairs).toEqual([]);
    const lenient = { trustLoneSize: false, mayBeRewritten: (d: Letter) => d.uid >= 5 };
    const result = await match(lenient, [mine], [copy]);
    expect(result.pairs.map((p) => p.kind)).toEqual(['rewritten']);
  });

  it('trusts a lone letter of one identity and size only when told to, reading no byte', async () => {
    const mine = letter(1, 'a@x', 'one body');
    const other = letter(3, 'a@x', 'two body');
    const matcher = new LetterMatcher<TestLetter, TestLetter>({
      trustLoneSize: true,
      mayBeRewritten: () => true,
    });
    expect(matcher.needs([mine], [other])).toEqual({ source: [], destination: [] });
    const result = matcher.pair([mine], [other], {
      source: () => undefined,
      destination: () => undefined,
    });
    expect(result.pairs.map((p) => p.kind)).toEqual(['size']);
  });

  it('keeps a rewritten copy free for the letter it was made from', async () => {
    // s1 and d2 are the same bytes; d1 is s2 rewritten. Pairing s1 with d1 by bytes would
    // leave s2 without its copy.
    const s1 = letter(1, 'a@x', 'body');
    const s2 = { ...s1, uid: 2 };
    const d1 = munged(10, s2);
    const d2 = { ...s1, uid: 4 };
    const rules = { trustLoneSize: false, mayBeRewritten: (d: Letter) => d.uid >= 10 };
    const result = await match(rules, [s1, s2], [d1, d2]);
    expect(result.pairs.map((p) => [p.source.uid, p.destination.uid, p.kind])).toEqual([
      [1, 4, 'same'],
      [2, 10, 'rewritten'],
    ]);
  });

  describe('property: random letters, random collisions', () => {
    /** A mailbox pair: letters that share Message-IDs and sizes, copies, rewritten copies, strangers. */
    const scenario = fc
      .record({
        source: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('aaaa', 'bbbb', 'cc', 'dddddd')),
          {
            maxLength: 12,
          },
        ),
        copies: fc.array(fc.constantFrom('none', 'same', 'rewritten', 'twice'), { maxLength: 12 }),
        strangers: fc.array(
          fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('aaab', 'bbbb', 'c', 'zzzzzz')),
          {
            maxLength: 6,
          },
        ),
        rewriteFrom: fc.integer({ min: 100, max: 140 }),
        trustLoneSize: fc.boolean(),
      })
      .map(({ source, copies, strangers, rewriteFrom, trustLoneSize }) => {
        const src = source.map(([id, body], n) => letter(n + 1, `m${id}@x`, body));
        const dst: TestLetter[] = [];
        let uid = 100;
        src.forEach((s, n) => {
          const how = copies[n] ?? 'none';
          if (how === 'same' || how === 'twice') dst.push({ ...s, uid: uid++ });
          if (how === 'twice') dst.push({ ...s, uid: uid++ });
          if (how === 'rewritten') dst.push(munged(uid++, s));
        });
        for (const [id, body] of strangers) dst.push(letter(uid++, `m${id}@x`, body));
        return { src, dst, rewriteFrom, trustLoneSize };
      });

    it('pairs each letter at most once, and only with its own bytes or its own rewritten bytes', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ src, dst, rewriteFrom, trustLoneSize }) => {
          const rules = { trustLoneSize, mayBeRewritten: (d: Letter) => d.uid >= rewriteFrom };
          const result = await match(rules, src, dst);
          const digest = (l: TestLetter) => digestMessage([l.bytes]);
          const sources = result.pairs.map((p) => p.source.uid);
          const destinations = result.pairs.map((p) => p.destination.uid);
          expect(new Set(sources).size).toBe(sources.length);
          expect(new Set(destinations).size).toBe(destinations.length);
          expect(sources.length + result.sourceLeft.length).toBe(src.length);
          expect(destinations.length + result.destinationLeft.length).toBe(dst.length);
          for (const { source, destination, kind } of result.pairs) {
            const [a, b] = await Promise.all([digest(source), digest(destination)]);
            expect(source.identity).toBe(destination.identity);
            if (kind === 'same') expect(sameBytes(a, b)).toBe(true);
            if (kind === 'rewritten') {
              expect(sameCanonical(a, b) && rules.mayBeRewritten(destination)).toBe(true);
            }
            if (kind === 'size')
              expect(trustLoneSize && source.size === destination.size).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('proving content, never merges two letters and never leaves a copy unfound (no duplicate)', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ src, dst, rewriteFrom }) => {
          const rules = {
            trustLoneSize: false,
            mayBeRewritten: (d: Letter) => d.uid >= rewriteFrom,
          };
          const result = await match(rules, src, dst);
          const digests = new Map<TestLetter, MessageDigest>();
          for (const l of [...src, ...dst]) digests.set(l, await digestMessage([l.bytes]));
          for (const { source, destination, kind } of result.pairs) {
            expect(kind).not.toBe('size');
            const [a, b] = [digests.get(source)!, digests.get(destination)!];
            expect(sameBytes(a, b) || sameCanonical(a, b)).toBe(true);
          }
          // A source letter left unpaired while its copy is left too would be copied twice.
          for (const s of result.sourceLeft) {
            for (const d of result.destinationLeft) {
              const [a, b] = [digests.get(s)!, digests.get(d)!];
              expect(sameBytes(a, b)).toBe(false);
              if (rules.mayBeRewritten(d)) expect(sameCanonical(a, b)).toBe(false);
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
