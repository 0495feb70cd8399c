import { IdentifiedMessage } from '@btsx/imap';
import { compareFolder, ComparisonRules, SAMPLES_PER_FINDING } from './folder-comparison';

type Side = [identity: string, uid: number, flags?: string[], size?: number][];

/** Messages of one size unless a test gives one: a letter and its copy are the same size. */
const SIZE = 100;

function side(messages: Side): Map<string, IdentifiedMessage[]> {
  const map = new Map<string, IdentifiedMessage[]>();
  for (const [identity, uid, flags = [], size = SIZE] of messages) {
    map.set(identity, [...(map.get(identity) ?? []), { uid, flags, size }]);
  }
  return map;
}

const rules: ComparisonRules = {
  refusedUids: new Set(),
  skipped: new Set(),
  extrasExpected: false,
};

describe('compareFolder', () => {
  it('finds nothing when both sides hold the same messages and flags', () => {
    const messages: Side = [
      ['mid:<a@x>', 1, ['\\Seen']],
      ['sha256:b', 2],
    ];
    const findings = compareFolder({ source: side(messages), destination: side(messages) }, rules);
    expect(findings).toMatchObject({ missing: 0, refused: 0, extra: 0, flagDifferences: 0 });
  });

  it('names a missing message by Message-ID and source UID', () => {
    const source = side([
      ['mid:<a@x>', 1],
      ['mid:<b@x>', 2],
    ]);
    const findings = compareFolder({ source, destination: side([['mid:<a@x>', 7]]) }, rules);
    expect(findings.missing).toBe(1);
    expect(findings.samples.missing).toEqual([{ uid: 2, size: SIZE, messageId: '<b@x>' }]);
  });

  it('leaves the Message-ID out of a digest-identified sample', () => {
    const findings = compareFolder(
      { source: side([['sha256:c', 3]]), destination: side([]) },
      rules,
    );
    expect(findings.samples.missing).toEqual([{ uid: 3, size: SIZE }]);
  });

  it('counts identities as a multiset: a second copy of a Message-ID is missing too', () => {
    const source = side([
      ['mid:<a@x>', 1],
      ['mid:<a@x>', 2],
    ]);
    const findings = compareFolder({ source, destination: side([['mid:<a@x>', 5]]) }, rules);
    expect(findings.missing).toBe(1);
    expect(findings.samples.missing[0].uid).toBe(2);
  });

  it('never pairs a letter with another of its Message-ID but of another size', () => {
    const source = side([['mid:<digest@list>', 1, [], 500]]);
    const destination = side([['mid:<digest@list>', 4, [], 900]]);
    const findings = compareFolder({ source, destination }, rules);
    expect(findings).toMatchObject({ missing: 1, extra: 1, flagDifferences: 0 });
    expect(findings.samples.missing).toEqual([{ uid: 1, size: 500, messageId: '<digest@list>' }]);
  });

  it('reports a message the destination refused as refused, not missing', () => {
    const findings = compareFolder(
      { source: side([['mid:<big@x>', 4]]), destination: side([]) },
      { ...rules, refusedUids: new Set([4]) },
    );
    expect(findings).toMatchObject({ missing: 0, refused: 1 });
  });

  it('counts destination messages without a source as extra', () => {
    const findings = compareFolder(
      { source: side([]), destination: side([['mid:<old@x>', 9]]) },
      rules,
    );
    expect(findings.extra).toBe(1);
    expect(findings.samples.extra).toEqual([{ uid: 9, size: SIZE, messageId: '<old@x>' }]);
  });

  it('does not count extras where they are expected (Delete Source, a view of all mail)', () => {
    const findings = compareFolder(
      { source: side([]), destination: side([['mid:<old@x>', 9]]) },
      { ...rules, extrasExpected: true },
    );
    expect(findings.extra).toBeNull();
  });

  it('skips identities the copy left out on purpose (Gmail labels)', () => {
    const findings = compareFolder(
      { source: side([['mid:<labelled@x>', 1]]), destination: side([]) },
      { ...rules, skipped: new Set(['mid:<labelled@x>']) },
    );
    expect(findings.missing).toBe(0);
  });

  it('compares flags without case and without \\Recent', () => {
    const source = side([['mid:<a@x>', 1, ['\\Seen', '\\Recent', '$Label']]]);
    const same = side([['mid:<a@x>', 1, ['$label', '\\SEEN']]]);
    expect(compareFolder({ source, destination: same }, rules).flagDifferences).toBe(0);
    const other = side([['mid:<a@x>', 8, ['\\Seen']]]);
    const findings = compareFolder({ source, destination: other }, rules);
    expect(findings.flagDifferences).toBe(1);
    expect(findings.samples.flags).toEqual([
      {
        sourceUid: 1,
        destinationUid: 8,
        sourceFlags: ['$label', '\\seen'],
        destinationFlags: ['\\seen'],
      },
    ]);
  });

  it('counts every missing message but keeps only the first samples', () => {
    const many: Side = Array.from({ length: SAMPLES_PER_FINDING + 5 }, (_, i) => [
      `mid:<${i}@x>`,
      i + 1,
    ]);
    const findings = compareFolder({ source: side(many), destination: side([]) }, rules);
    expect(findings.missing).toBe(SAMPLES_PER_FINDING + 5);
    expect(findings.samples.missing).toHaveLength(SAMPLES_PER_FINDING);
  });
});
