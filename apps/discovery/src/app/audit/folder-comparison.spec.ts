import { digestMessage, identityKey, LetterTable } from '@btsx/imap';
import {
  compareSides,
  ComparisonRules,
  digestsNeeded,
  Finding,
  FolderSides,
} from './folder-comparison';

/** A message of a side: identity, UID, flags, size, and its bytes when a test reads them. */
type Side = [identity: string, uid: number, flags?: string[], size?: number, bytes?: string][];

/** Messages of one size unless a test gives one: a letter and its copy are the same size. */
const SIZE = 100;

function table(messages: Side): LetterTable {
  const table = new LetterTable();
  for (const [identity, uid, flags = [], size = SIZE] of messages)
    table.add({ uid, identity, size, flags });
  return table.seal();
}

function sides(source: Side, destination: Side): FolderSides {
  return { source: table(source), destination: table(destination) };
}

const rules: ComparisonRules = {
  refusedUids: new Set(),
  skipped: new Set(),
  extrasExpected: false,
  deep: false,
};

/** Fetches what the comparison asks for, as the auditor does, from the bytes each entry gives. */
async function compare(source: Side, destination: Side, given = rules): Promise<Finding[]> {
  const folder = sides(source, destination);
  const needed = digestsNeeded(folder, given);
  for (const [side, list] of [
    [folder.source, source],
    [folder.destination, destination],
  ] as const) {
    for (const row of side === folder.source ? needed.source : needed.destination) {
      const bytes = list.find(([, uid]) => uid === side.uidAndSize(row).uid)?.[4];
      if (bytes !== undefined)
        side.setDigest(row, await digestMessage([Buffer.from(bytes, 'latin1')]));
    }
  }
  return [...compareSides(folder, given)];
}

const kinds = (findings: Finding[]) => findings.map((f) => f.kind);
const uids = (findings: Finding[], kind: Finding['kind']) =>
  findings.filter((f) => f.kind === kind).map((f) => [f.source?.uid, f.destination?.uid]);

describe('compareSides', () => {
  it('finds nothing when both sides hold the same messages and flags', async () => {
    const messages: Side = [
      ['mid:<a@x>', 1, ['\\Seen']],
      ['sha256:b', 2],
    ];
    expect(await compare(messages, messages)).toEqual([]);
  });

  it('names a missing message by its source UID', async () => {
    const findings = await compare(
      [
        ['mid:<a@x>', 1],
        ['mid:<b@x>', 2],
      ],
      [['mid:<a@x>', 7]],
    );
    expect(uids(findings, 'missing')).toEqual([[2, undefined]]);
    expect(kinds(findings)).toEqual(['missing']);
  });

  it('counts identities as a multiset: a second copy of a Message-ID is missing too', async () => {
    const letter = 'Message-ID: <a@x>\r\n\r\nsame\r\n';
    const findings = await compare(
      [
        ['mid:<a@x>', 1, [], SIZE, letter],
        ['mid:<a@x>', 2, [], SIZE, letter],
      ],
      [['mid:<a@x>', 5, [], SIZE, letter]],
    );
    expect(uids(findings, 'missing')).toEqual([[2, undefined]]);
  });

  it('never pairs a letter with another of its Message-ID but of another size', async () => {
    const findings = await compare(
      [['mid:<digest@list>', 1, [], 500]],
      [['mid:<digest@list>', 4, [], 900]],
    );
    expect(uids(findings, 'missing')).toEqual([[1, undefined]]);
    expect(uids(findings, 'extra')).toEqual([[undefined, 4]]);
  });

  it('reads the bytes where identity and size are ambiguous, and pairs the letter with its copy', async () => {
    const mine = 'Message-ID: <d@list>\r\n\r\nmine\r\n';
    const theirs = 'Message-ID: <d@list>\r\n\r\nyour\r\n';
    const folder = sides(
      [['mid:<d@list>', 1, [], SIZE, mine]],
      [
        ['mid:<d@list>', 3, [], SIZE, theirs],
        ['mid:<d@list>', 8, [], SIZE, mine],
      ],
    );
    const needed = digestsNeeded(folder, rules);
    const uidsAt = (table: LetterTable, rows: number[]) =>
      rows.map((row) => table.uidAndSize(row).uid);
    expect(uidsAt(folder.source, needed.source)).toEqual([1]);
    expect(uidsAt(folder.destination, needed.destination)).toEqual([3, 8]);
    const findings = await compare(
      [['mid:<d@list>', 1, [], SIZE, mine]],
      [
        ['mid:<d@list>', 3, [], SIZE, theirs],
        ['mid:<d@list>', 8, [], SIZE, mine],
      ],
    );
    expect(uids(findings, 'extra')).toEqual([[undefined, 3]]);
    expect(kinds(findings)).toEqual(['extra']);
  });

  it('reports a letter the destination rewrote as changed, with both sides, not as missing', async () => {
    const findings = await compare(
      [['mid:<a@x>', 1, [], 31, 'Message-ID: <a@x>\r\n\r\nbody\r\n']],
      [['mid:<a@x>', 6, [], 27, 'Message-ID: <a@x>\n\nbody\n']],
    );
    expect(uids(findings, 'changed')).toEqual([[1, 6]]);
    expect(kinds(findings)).toEqual(['changed']);
  });

  it('deep, proves every pair by its bytes: a lone letter of the same size but other bytes is missing', async () => {
    const source: Side = [['mid:<a@x>', 1, [], SIZE, 'Message-ID: <a@x>\r\n\r\nmine\r\n']];
    const destination: Side = [['mid:<a@x>', 2, [], SIZE, 'Message-ID: <a@x>\r\n\r\nyour\r\n']];
    expect(await compare(source, destination)).toEqual([]);
    const deep = await compare(source, destination, { ...rules, deep: true });
    expect(kinds(deep).sort()).toEqual(['extra', 'missing']);
  });

  it('reports a message the destination refused as refused, not missing', async () => {
    const findings = await compare([['mid:<big@x>', 4]], [], {
      ...rules,
      refusedUids: new Set([4]),
    });
    expect(kinds(findings)).toEqual(['refused']);
  });

  it('counts destination messages without a source as extra, unless they are expected', async () => {
    expect(kinds(await compare([], [['mid:<old@x>', 9]]))).toEqual(['extra']);
    expect(await compare([], [['mid:<old@x>', 9]], { ...rules, extrasExpected: true })).toEqual([]);
  });

  it('skips identities the copy left out on purpose (Gmail labels)', async () => {
    const skipped = new Set([identityKey('mid:<labelled@x>')]);
    expect(await compare([['mid:<labelled@x>', 1]], [], { ...rules, skipped })).toEqual([]);
  });

  it('compares flags without case and without \\Recent', async () => {
    const source: Side = [['mid:<a@x>', 1, ['\\Seen', '\\Recent', '$Label']]];
    expect(await compare(source, [['mid:<a@x>', 1, ['$label', '\\SEEN']]])).toEqual([]);
    const findings = await compare(source, [['mid:<a@x>', 8, ['\\Seen']]]);
    expect(uids(findings, 'flags')).toEqual([[1, 8]]);
  });
});
