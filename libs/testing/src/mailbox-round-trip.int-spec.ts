import {
  compareMailboxes,
  DEFAULT_SPECIAL_USE,
  generateCorpus,
  readMailbox,
  seedMailbox,
  startDovecot,
  type DovecotServer,
} from './index';

const user = { username: 'carol@test.local', password: 'carol-pw' };
const MESSAGES = 60;
const BIG_MESSAGE_BYTES = 2_000_000;
const RENAMED_SENT = { ...DEFAULT_SPECIAL_USE, '\\Sent': 'Sent Items' };

describe('seedMailbox then readMailbox', () => {
  let slash: DovecotServer;
  let dot: DovecotServer;

  beforeAll(async () => {
    [slash, dot] = await Promise.all([
      startDovecot({ users: [user] }),
      startDovecot({ users: [user], separator: '.', specialUse: RENAMED_SENT }),
    ]);
  });

  afterAll(() => Promise.all([slash?.stop(), dot?.stop()]));

  it('reads back exactly what was seeded, whatever the separator', async () => {
    const corpus = generateCorpus({
      messages: MESSAGES,
      seed: 7,
      bigMessageBytes: BIG_MESSAGE_BYTES,
    });
    // The same corpus under the other server's names for its special-use folders.
    const dotCorpus = generateCorpus({
      messages: MESSAGES,
      seed: 7,
      bigMessageBytes: BIG_MESSAGE_BYTES,
      specialUse: RENAMED_SENT,
    });
    await Promise.all([seedMailbox(slash, user, corpus), seedMailbox(dot, user, dotCorpus)]);

    const [fromSlash, fromDot] = await Promise.all([
      readMailbox(slash, user),
      readMailbox(dot, user),
    ]);

    expect(fromSlash.map((folder) => folder.path)).toEqual(
      expect.arrayContaining(['INBOX', 'Projects/2024/Q1', 'Reçus', 'Привет', 'Sent']),
    );
    expect(fromDot.find((folder) => folder.specialUse === '\\Sent')?.path).toBe('Sent Items');
    const seeded = corpus.flatMap((folder) => folder.messages);
    expect(fromSlash.flatMap((folder) => folder.messages)).toHaveLength(seeded.length);
    const inbox = fromSlash.find((folder) => folder.path === 'INBOX');
    expect(inbox?.messages.some((message) => message.size >= BIG_MESSAGE_BYTES)).toBe(true);
    expect(compareMailboxes(fromSlash, fromDot)).toEqual([]);
    expect(compareMailboxes(fromDot, fromSlash)).toEqual([]);
  });
});
