import { digestMessage, sameBytes, sameCanonical } from './message-digest';

const letter = (text: string) => Buffer.from(text, 'latin1');

describe('digestMessage', () => {
  it('gives the same digests however the bytes are cut into pieces', async () => {
    const raw = letter('Subject: caf\xe9\r\n\r\nline one\r\nline two\r\n');
    const whole = await digestMessage([raw]);
    for (let cut = 1; cut < raw.length; cut++) {
      const pieces = await digestMessage([raw.subarray(0, cut), raw.subarray(cut)]);
      expect(sameBytes(pieces, whole) && sameCanonical(pieces, whole)).toBe(true);
    }
  });

  it('takes 8-bit header bytes replaced by X for the same letter, not for the same bytes', async () => {
    const original = await digestMessage([letter('Subject: caf\xe9\r\n\r\nbody\r\n')]);
    const munged = await digestMessage([letter('Subject: cafX\r\n\r\nbody\r\n')]);
    expect(sameBytes(original, munged)).toBe(false);
    expect(sameCanonical(original, munged)).toBe(true);
  });

  it('leaves 8-bit bytes of the body as they are', async () => {
    const original = await digestMessage([letter('Subject: a\r\n\r\ncaf\xe9\r\n')]);
    const munged = await digestMessage([letter('Subject: a\r\n\r\ncafX\r\n')]);
    expect(sameCanonical(original, munged)).toBe(false);
  });

  it('takes LF, CR and CRLF line endings and dropped NULs for the same letter', async () => {
    const crlf = await digestMessage([letter('A: 1\r\n\r\nx\r\ny\r\n')]);
    for (const variant of ['A: 1\n\nx\ny\n', 'A: 1\r\rx\ry\r', 'A: 1\r\n\r\nx\0\r\ny\r\n']) {
      expect(sameCanonical(await digestMessage([letter(variant)]), crlf)).toBe(true);
    }
  });

  it("takes a body NUL and Dovecot's 0x80 for it for the same letter", async () => {
    const kept = await digestMessage([letter('A: 1\r\n\r\nnul\0here\r\n')]);
    const stored = await digestMessage([letter('A: 1\r\n\r\nnul\x80here\r\n')]);
    expect(sameBytes(kept, stored)).toBe(false);
    expect(sameCanonical(kept, stored)).toBe(true);
  });

  it('takes a header NUL, 0x80 and X for the same letter, as munge8bit writes them', async () => {
    const variants = ['S: a\0b', 'S: a\x80b', 'S: aXb'].map((h) => letter(`${h}\r\n\r\nx\r\n`));
    const [nul, high, munged] = await Promise.all(variants.map((v) => digestMessage([v])));
    expect(sameCanonical(nul, high) && sameCanonical(high, munged)).toBe(true);
  });

  it('never takes letters that differ in a body byte for the same letter', async () => {
    const a = await digestMessage([letter('A: 1\r\n\r\nthe letter\r\n')]);
    const b = await digestMessage([letter('A: 1\r\n\r\nthe lettex\r\n')]);
    expect(sameBytes(a, b) || sameCanonical(a, b)).toBe(false);
  });
});
