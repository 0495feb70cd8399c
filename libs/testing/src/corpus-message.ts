import { SeededRandom } from './seeded-random';

const CRLF = '\r\n';
/** RFC 5322 recommends lines of at most 78 characters. */
const LINE_LENGTH = 76;
/** Base64 turns 3 bytes into 4 characters. */
const BASE64_RATIO = 4 / 3;

const WORDS = (
  'the migration of mail between servers keeps every folder flag and date intact while ' +
  'report budget meeting quarterly invoice attached please review schedule update team ' +
  'project deadline thanks regards draft summary notes holiday travel receipt order'
).split(' ');
const ASCII_PEOPLE = ['Alice Martin', 'Bob Smith', 'Carol Jones', 'Dave Brown', 'Erin Clark'];
// Raw UTF-8 in headers without RFC 2047 encoding, as some real mailers send.
const UTF8_PEOPLE = ['Zoë Müller', 'Jürgen Groß', 'Иван Петров', '李小龍', 'Søren Ørsted'];
const UTF8_SUBJECTS = ['Réunion à 10h — café ☕', 'Привет из Москвы', '会议纪要', 'Grüße'];

export interface MessageSpec {
  index: number;
  seed: number;
  date: Date;
  targetBytes: number;
  withMessageId: boolean;
  rawUtf8Headers: boolean;
  withAttachment: boolean;
}

function address(name: string): string {
  const local =
    name
      .split(' ')[0]
      .toLowerCase()
      .replace(/[^a-z]/g, '') || 'user';
  return `${name} <${local}@example.org>`;
}

function rfc5322Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function wordLine(random: SeededRandom): string {
  const words: string[] = [];
  let length = 0;
  while (length < LINE_LENGTH - 12) {
    const word = random.pick(WORDS);
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

/** Bodies draw whole lines from a fixed pool: one random pick per line keeps big corpora fast. */
const LINE_POOL_SIZE = 512;
const LINE_POOL_SEED = 1;
let linePool: string[] | undefined;

function buildLinePool(): string[] {
  const random = new SeededRandom(LINE_POOL_SEED);
  return Array.from({ length: LINE_POOL_SIZE }, () => wordLine(random));
}

function textLines(random: SeededRandom, bytes: number): string[] {
  linePool ??= buildLinePool();
  const lines: string[] = [];
  for (let total = 0; total < bytes; total += lines[lines.length - 1].length + CRLF.length) {
    lines.push(random.pick(linePool));
  }
  return lines;
}

function base64Lines(random: SeededRandom, encodedBytes: number): string[] {
  const encoded = random.bytes(Math.ceil(encodedBytes / BASE64_RATIO)).toString('base64');
  return encoded.match(new RegExp(`.{1,${LINE_LENGTH}}`, 'g')) ?? [];
}

function headers(random: SeededRandom, spec: MessageSpec): string[] {
  const people = spec.rawUtf8Headers ? UTF8_PEOPLE : ASCII_PEOPLE;
  const subject = spec.rawUtf8Headers
    ? random.pick(UTF8_SUBJECTS)
    : `${random.pick(WORDS)} ${random.pick(WORDS)} #${spec.index}`;
  return [
    `Date: ${rfc5322Date(spec.date)}`,
    `From: ${address(random.pick(people))}`,
    `To: ${address(random.pick(people))}`,
    `Subject: ${subject}`,
    ...(spec.withMessageId ? [`Message-ID: <${spec.seed}.${spec.index}@corpus.btsx.test>`] : []),
    'MIME-Version: 1.0',
  ];
}

/** Builds one RFC 5322 message with CRLF line ends, about `targetBytes` long. */
export function buildMessage(random: SeededRandom, spec: MessageSpec): Buffer {
  const head = headers(random, spec);
  const plain = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'];
  if (!spec.withAttachment) {
    return Buffer.from(
      [...head, ...plain, '', ...textLines(random, spec.targetBytes)].join(CRLF) + CRLF,
    );
  }
  const boundary = `=_corpus_${spec.seed}_${spec.index}`;
  const lines = [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...plain,
    '',
    ...textLines(random, 1_000),
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="data.bin"',
    'Content-Disposition: attachment; filename="data.bin"',
    'Content-Transfer-Encoding: base64',
    '',
    ...base64Lines(random, spec.targetBytes),
    `--${boundary}--`,
  ];
  return Buffer.from(lines.join(CRLF) + CRLF);
}
