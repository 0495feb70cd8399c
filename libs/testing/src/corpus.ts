import { buildMessage } from './corpus-message';
import type { FixtureFolder, FixtureMessage } from './mailbox-fixture';
import { SeededRandom } from './seeded-random';
import { DEFAULT_SPECIAL_USE, type SpecialUseFolders } from './special-use';

export interface CorpusOptions {
  messages: number;
  /** How many user folders besides INBOX and the special-use ones (default: all of USER_FOLDERS). */
  folders?: number;
  seed?: number;
  /** Adds one message of about this size to INBOX. */
  bigMessageBytes?: number;
  /** Adds this many messages of 3 to 12 MB, spread like the rest (a realistic mailbox has a few). */
  hugeMessages?: number;
  specialUse?: SpecialUseFolders;
}

/** Parents come before children, so any prefix of the list is a valid tree. */
const USER_FOLDERS = [
  'Projects',
  'Projects/2024',
  'Projects/2024/Q1',
  'Reçus',
  'Привет',
  'Work',
  'Family',
  'Family/Photos 2019',
];
const DEFAULT_SEED = 20240101;
/** Internal dates spread over these years; whole seconds, as IMAP stores them. */
const FIRST_DATE = Date.UTC(2012, 0, 1) / 1000;
const LAST_DATE = Date.UTC(2024, 11, 31) / 1000;
const SMALL_BYTES = [2_000, 20_000] as const;
const LARGE_BYTES = [50_000, 500_000] as const;
const HUGE_BYTES = [3_000_000, 12_000_000] as const;
const LARGE_SHARE = 0.1;
const WITHOUT_MESSAGE_ID_SHARE = 0.1;
const RAW_UTF8_HEADER_SHARE = 0.1;
/** Mail piles up in INBOX and Sent; the rest spreads over every folder. */
const INBOX_SHARE = 0.4;
const SENT_SHARE = 0.15;
const FLAG_CHANCES: ReadonlyArray<readonly [string, number]> = [
  ['\\Seen', 0.7],
  ['\\Flagged', 0.1],
  ['\\Answered', 0.15],
  ['$Label1', 0.08],
  ['Work', 0.08],
];

function userFolderPaths(count: number): string[] {
  const extra = Array.from(
    { length: Math.max(0, count - USER_FOLDERS.length) },
    (_, i) => `Misc ${i + 1}`,
  );
  return [...USER_FOLDERS, ...extra].slice(0, count);
}

function flagsFor(random: SeededRandom, folder: FixtureFolder): string[] {
  const flags = FLAG_CHANCES.filter(([, chance]) => random.chance(chance)).map(([flag]) => flag);
  return folder.specialUse === '\\Drafts' ? [...flags, '\\Draft'] : flags;
}

function chooseFolder(random: SeededRandom, folders: FixtureFolder[]): FixtureFolder {
  const roll = random.next();
  if (roll < INBOX_SHARE) return folders[0];
  const sent = folders.find((folder) => folder.specialUse === '\\Sent');
  if (sent && roll < INBOX_SHARE + SENT_SHARE) return sent;
  return random.pick(folders);
}

function randomMessage(
  random: SeededRandom,
  seed: number,
  index: number,
  size?: number,
): FixtureMessage {
  const date = new Date(random.int(FIRST_DATE, LAST_DATE) * 1000);
  const large = size !== undefined || random.chance(LARGE_SHARE);
  const [min, max] = large ? LARGE_BYTES : SMALL_BYTES;
  const raw = buildMessage(random, {
    index,
    seed,
    date,
    targetBytes: size ?? random.int(min, max),
    withMessageId: !random.chance(WITHOUT_MESSAGE_ID_SHARE),
    rawUtf8Headers: random.chance(RAW_UTF8_HEADER_SHARE),
    withAttachment: large,
  });
  return { raw, flags: [], internalDate: date };
}

/** A deterministic, realistic mailbox: the same options always give the same bytes. */
export function generateCorpus(options: CorpusOptions): FixtureFolder[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const random = new SeededRandom(seed);
  const specialUse = options.specialUse ?? DEFAULT_SPECIAL_USE;
  const folders: FixtureFolder[] = [
    { path: 'INBOX', messages: [] },
    ...Object.entries(specialUse).map(([attribute, path]) => ({
      path,
      specialUse: attribute,
      messages: [],
    })),
    ...userFolderPaths(options.folders ?? USER_FOLDERS.length).map((path) => ({
      path,
      messages: [],
    })),
  ];
  for (let index = 0; index < options.messages; index++) {
    const folder = chooseFolder(random, folders);
    const message = randomMessage(random, seed, index);
    folder.messages.push({ ...message, flags: flagsFor(random, folder) });
  }
  for (let n = 0; n < (options.hugeMessages ?? 0); n++) {
    const folder = chooseFolder(random, folders);
    const huge = randomMessage(random, seed, options.messages + 1 + n, random.int(...HUGE_BYTES));
    folder.messages.push({ ...huge, flags: flagsFor(random, folder) });
  }
  if (options.bigMessageBytes) {
    const big = randomMessage(random, seed, options.messages, options.bigMessageBytes);
    folders[0].messages.push({ ...big, flags: flagsFor(random, folders[0]) });
  }
  return folders;
}
