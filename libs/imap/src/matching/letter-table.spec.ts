import { digestMessage } from './message-digest';
import { identityKey, LetterTable } from './letter-table';

const letter = (uid: number, identity: string, size = 10, flags: string[] = []) => ({
  uid,
  identity,
  size,
  flags,
});

describe('LetterTable', () => {
  it('walks letters grouped by identity, each group in UID order', () => {
    const table = new LetterTable();
    for (const l of [letter(5, 'mid:<a>'), letter(2, 'mid:<b>'), letter(1, 'mid:<a>')])
      table.add(l);
    table.seal();
    const groups = [...table.groups()].map((g) => g.rows.map((row) => table.letter(row).uid));
    expect(groups.sort()).toEqual([[1, 5], [2]].sort());
    const [row] = [...table.groups()].find((g) => g.key === identityKey('mid:<b>'))!.rows;
    expect(table.letter(row)).toEqual({
      uid: 2,
      identity: identityKey('mid:<b>'),
      size: 10,
      flags: [],
    });
  });

  it('finds the letters of an identity that were not taken, and a row by UID', () => {
    const table = new LetterTable();
    for (let uid = 1; uid <= 3000; uid++)
      table.add(letter(uid, `mid:<${uid % 7}>`, uid, ['\\Seen']));
    table.seal();
    const rows = table.find(identityKey('mid:<3>'));
    expect(rows.map((r) => table.letter(r).uid).slice(0, 3)).toEqual([3, 10, 17]);
    table.take(rows[0]);
    expect(table.find(identityKey('mid:<3>'))).toHaveLength(rows.length - 1);
    expect(table.find(identityKey('mid:<none>'))).toEqual([]);
    expect(table.letter(table.rowOf(2999))).toMatchObject({
      uid: 2999,
      size: 2999,
      flags: ['\\Seen'],
    });
    expect(table.rowOf(4000)).toBe(-1);
  });

  it('keeps 128 bits of each digest beside the letters', async () => {
    const table = new LetterTable();
    table.add(letter(9, 'mid:<a>'));
    table.seal();
    expect(table.digest(0)).toBeUndefined();
    const digest = await digestMessage([Buffer.from('A: b\r\n\r\nc\r\n')]);
    table.setDigest(table.rowOf(9), digest);
    expect(table.digest(0)?.sha256.equals(digest.sha256.subarray(0, 16))).toBe(true);
    expect(table.digest(0)?.canonical.equals(digest.canonical.subarray(0, 16))).toBe(true);
  });
});
