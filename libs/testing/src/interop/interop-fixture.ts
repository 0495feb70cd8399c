import { generateCorpus } from '../corpus';
import { hostileCorpus } from '../corpus-hostile';
import type { FixtureFolder } from '../mailbox-fixture';

const SEED = 16_05;
const MESSAGES = 40;
const MESSAGES_PER_AWKWARD_FOLDER = 2;
/** Big enough to take several reads and literals, small enough for a dozen runs at once. */
const BIG_MESSAGE_BYTES = 2_000_000;
/**
 * Names legal on some servers only, or easy to mangle: brackets and wildcards, an '&' that
 * modified UTF-7 must escape, and a dot that is a separator on half the layouts (a folder of
 * its own on Cyrus '/', a level on '.' servers, refused by Dovecot's maildir with '/').
 */
const AWKWARD_FOLDERS = ['[Brackets]', 'with space', '*', 'R&D', 'a.b'];
/** No \Archive: the Gmail-like source has none, and All Mail would then stand in for it. */
const SPECIAL_USE = {
  '\\Sent': 'Sent',
  '\\Drafts': 'Drafts',
  '\\Trash': 'Trash',
  '\\Junk': 'Junk',
};

/**
 * The mailbox every run of the matrix moves: a small realistic corpus (non-ASCII and nested
 * folders, raw UTF-8 headers, keywords, some messages \Deleted), the awkward folder names, and the hostile messages
 * in INBOX but the empty one (Dovecot and Cyrus take no empty APPEND, so no source holds it).
 */
export function interopFixture(): FixtureFolder[] {
  const corpus = generateCorpus({ messages: MESSAGES, seed: SEED, specialUse: SPECIAL_USE });
  // Some deleted and never expunged: the matrix's filter leaves them out.
  for (const folder of corpus) {
    folder.messages.forEach((message, n) => {
      if (n % 7 === 3) message.flags = [...message.flags, '\\Deleted'];
    });
  }
  const hostile = hostileCorpus({ bigMessageBytes: BIG_MESSAGE_BYTES }).filter(
    (message) => message.raw.length > 0,
  );
  corpus[0].messages.push(...hostile);
  const awkward = AWKWARD_FOLDERS.map((path, i) => ({
    path,
    messages: generateCorpus({
      messages: MESSAGES_PER_AWKWARD_FOLDER,
      folders: 0,
      seed: SEED + i + 1,
    })
      .flatMap((folder) => folder.messages)
      .slice(0, MESSAGES_PER_AWKWARD_FOLDER),
  }));
  return [...corpus, ...awkward];
}
