import { createHash } from 'node:crypto';
import { generateCorpus, type FixtureFolder } from './index';

const MESSAGES = 300;

/** Comparing digests is much faster than a deep equality over megabytes of Buffers. */
const fingerprint = (corpus: FixtureFolder[]) =>
  corpus.map(({ path, messages }) => ({
    path,
    messages: messages.map(({ raw, flags, internalDate }) => ({
      sha256: createHash('sha256').update(raw).digest('hex'),
      flags,
      internalDate,
    })),
  }));

describe('generateCorpus', () => {
  const corpus = generateCorpus({ messages: MESSAGES, seed: 42, bigMessageBytes: 1_000_000 });
  const messages = corpus.flatMap((folder) => folder.messages);

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateCorpus({ messages: MESSAGES, seed: 42, bigMessageBytes: 1_000_000 });
    expect(fingerprint(again)).toEqual(fingerprint(corpus));
    expect(fingerprint(generateCorpus({ messages: MESSAGES, seed: 43 }))).not.toEqual(
      fingerprint(corpus),
    );
  });

  it('has INBOX, nested, non-ASCII and special-use folders', () => {
    expect(corpus.map((folder) => folder.path)).toEqual(
      expect.arrayContaining(['INBOX', 'Projects/2024/Q1', 'Reçus', 'Привет']),
    );
    expect(corpus.filter((folder) => folder.specialUse).map((f) => [f.path, f.specialUse])).toEqual(
      [
        ['Sent', '\\Sent'],
        ['Drafts', '\\Drafts'],
        ['Trash', '\\Trash'],
        ['Junk', '\\Junk'],
        ['Archive', '\\Archive'],
      ],
    );
  });

  it('mixes sizes, one big message, Message-ID-less and raw UTF-8 messages', () => {
    const sizes = messages.map((message) => message.raw.length);
    expect(messages).toHaveLength(MESSAGES + 1);
    expect(sizes.filter((size) => size >= 2_000 && size <= 21_000).length).toBeGreaterThan(
      MESSAGES * 0.8,
    );
    expect(sizes.filter((size) => size >= 50_000 && size <= 510_000).length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(1_000_000);
    const texts = messages.map((message) => message.raw.toString('utf8'));
    expect(texts.filter((text) => !/^Message-ID:/m.test(text)).length).toBeGreaterThan(5);
    expect(texts.filter((text) => /[^\x00-\x7f]/.test(text)).length).toBeGreaterThan(5);
  });

  it('mixes flags and keywords, with whole-second dates over several years', () => {
    const flags = new Set(messages.flatMap((message) => message.flags));
    expect([...flags].sort()).toEqual([
      '$Label1',
      'Work',
      '\\Answered',
      '\\Draft',
      '\\Flagged',
      '\\Seen',
    ]);
    const years = new Set(messages.map((message) => message.internalDate.getUTCFullYear()));
    expect(years.size).toBeGreaterThan(5);
    expect(messages.every((message) => message.internalDate.getTime() % 1000 === 0)).toBe(true);
  });
});
