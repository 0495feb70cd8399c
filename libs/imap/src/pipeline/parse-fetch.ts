import { MAX_RESPONSE_TOKENS } from '../connection/connect-options';

/** What one untagged FETCH response (RFC 3501 section 7.4.2) tells of a message. */
export interface FetchRow {
  seq: number;
  uid?: number;
  flags?: Set<string>;
  internalDate?: Date;
  /** RFC822.SIZE */
  size?: number;
  /** The bytes of a BODY[HEADER.FIELDS (...)] section (any field list). */
  headers?: Buffer;
  /** The bytes of BODY[] or BODY[]<origin> (a partial fetch). */
  source?: Buffer;
}

/** Quoted strings keep their escapes until a value is needed; positions index the text. */
type Value =
  | { kind: 'atom' | 'quoted'; start: number; end: number }
  | { kind: 'literal'; bytes: Buffer }
  | { kind: 'list'; items: Value[] };

type ItemKind = 'uid' | 'flags' | 'internalDate' | 'size' | 'headers' | 'source' | 'other';

const FETCH_PREFIX = /^(\d+) FETCH /i;
const PLAIN_ITEMS = new Map<string, ItemKind>([
  ['UID', 'uid'],
  ['FLAGS', 'flags'],
  ['INTERNALDATE', 'internalDate'],
  ['RFC822.SIZE', 'size'],
]);
const LONGEST_KNOWN_NAME = 'INTERNALDATE'.length;
const HEADER_FIELDS = 'HEADER.FIELDS';
/** Real answers nest a few levels (BODYSTRUCTURE); deeper is an attack on the stack. */
const MAX_DEPTH = 64;
const DIGITS = /^\d{1,16}$/;
const INTERNAL_DATE =
  /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const SPACE = 0x20;
const QUOTE = 0x22;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const TILDE = 0x7e;

const malformed = (problem: string) => new Error(`Malformed FETCH response: ${problem}`);

/**
 * Undefined when the untagged response is not a FETCH; throws an Error naming the problem when
 * it is a malformed one.
 */
export function parseFetchResponse(
  text: string,
  literals: readonly Buffer[],
): FetchRow | undefined {
  const prefix = FETCH_PREFIX.exec(text);
  if (!prefix) return undefined;
  const row: FetchRow = { seq: toSafeInteger(prefix[1], 'the message number') };
  new FetchScanner(text, literals, prefix[0].length).readItems(row);
  return row;
}

/** One pass over the text with an index: linear time whatever the server sends. */
class FetchScanner {
  private nextLiteral = 0;
  private tokens = 0;

  constructor(
    private readonly text: string,
    private readonly literals: readonly Buffer[],
    private pos: number,
  ) {}

  readItems(row: FetchRow): void {
    this.skipSpaces();
    if (this.peek() !== OPEN_PAREN) throw malformed('no item list after FETCH');
    this.pos++;
    for (this.skipSpaces(); this.peek() !== CLOSE_PAREN; this.skipSpaces()) {
      const kind = this.readItemName();
      this.skipSpaces();
      this.store(row, kind, this.readValue(1));
    }
    this.pos++;
    this.skipSpaces();
    if (this.pos < this.text.length) throw malformed(`text after the item list at ${this.pos}`);
    if (this.nextLiteral < this.literals.length) {
      throw malformed('fewer literal markers than literals');
    }
  }

  /** `UID`, `BODY[HEADER.FIELDS (DATE FROM)]`, `BODY[]<0>`: a section runs to its `]`. */
  private readItemName(): ItemKind {
    this.countToken();
    const start = this.pos;
    this.skipWhile((code) => !isDelimiter(code) && code !== OPEN_BRACKET);
    if (this.pos === start) throw this.unexpected();
    const name =
      this.pos - start <= LONGEST_KNOWN_NAME ? this.text.slice(start, this.pos).toUpperCase() : '';
    if (this.peek() !== OPEN_BRACKET) return PLAIN_ITEMS.get(name) ?? 'other';
    const sectionStart = this.pos + 1;
    this.skipSection();
    const sectionEnd = this.pos - 1;
    this.skipPartialOrigin();
    return name === 'BODY' ? this.sectionKind(sectionStart, sectionEnd) : 'other';
  }

  private skipSection(): void {
    this.pos++;
    for (;;) {
      const code = this.peek();
      if (code === CLOSE_BRACKET) break;
      // Field names may be quoted strings or literals, which may hold a `]`.
      if (code === QUOTE) this.readQuoted();
      else if (code === OPEN_BRACE) this.readLiteral();
      else if (Number.isNaN(code)) throw malformed('unbalanced brackets');
      else this.pos++;
    }
    this.pos++;
  }

  private skipPartialOrigin(): void {
    if (this.peek() !== LESS_THAN) return;
    this.pos++;
    this.skipDigits('partial origin');
    if (this.peek() !== GREATER_THAN) throw malformed('unterminated partial origin');
    this.pos++;
  }

  private sectionKind(start: number, end: number): ItemKind {
    if (start === end) return 'source';
    const after = start + HEADER_FIELDS.length;
    const named = this.text.slice(start, after).toUpperCase() === HEADER_FIELDS;
    const code = this.text.charCodeAt(after);
    // HEADER.FIELDS.NOT continues with a dot.
    return named && (code === SPACE || code === OPEN_PAREN) ? 'headers' : 'other';
  }

  private readValue(depth: number): Value {
    this.countToken();
    // literal8 (RFC 3516), the value of a BINARY[] item.
    if (this.peek() === TILDE && this.text.charCodeAt(this.pos + 1) === OPEN_BRACE) this.pos++;
    switch (this.peek()) {
      case OPEN_PAREN:
        return this.readList(depth);
      case QUOTE:
        return this.readQuoted();
      case OPEN_BRACE:
        return this.readLiteral();
      default:
        return this.readAtom();
    }
  }

  private readList(depth: number): Value {
    if (depth > MAX_DEPTH) throw malformed(`lists nested deeper than ${MAX_DEPTH}`);
    this.pos++;
    const items: Value[] = [];
    for (this.skipSpaces(); this.peek() !== CLOSE_PAREN; this.skipSpaces()) {
      items.push(this.readValue(depth + 1));
    }
    this.pos++;
    return { kind: 'list', items };
  }

  private readQuoted(): Value {
    const start = this.pos + 1;
    let at = start;
    for (let code = this.text.charCodeAt(at); code !== QUOTE; code = this.text.charCodeAt(at)) {
      if (Number.isNaN(code)) throw malformed('unterminated quoted string');
      at += code === BACKSLASH ? 2 : 1;
    }
    this.pos = at + 1;
    return { kind: 'quoted', start, end: at };
  }

  /** `{N}` stands for the next literal the reader cut out, in order of appearance. */
  private readLiteral(): Value {
    this.pos++;
    const size = toSafeInteger(this.skipDigits('literal size'), 'a literal size');
    if (this.peek() !== CLOSE_BRACE) throw malformed('unterminated literal marker');
    this.pos++;
    const bytes = this.literals[this.nextLiteral++];
    if (!bytes) throw malformed('more literal markers than literals');
    if (bytes.length !== size) {
      throw malformed(`a literal of ${bytes.length} bytes announced as ${size}`);
    }
    return { kind: 'literal', bytes };
  }

  private readAtom(): Value {
    const start = this.pos;
    this.skipWhile((code) => !isDelimiter(code));
    if (this.pos === start) throw this.unexpected();
    return { kind: 'atom', start, end: this.pos };
  }

  private store(row: FetchRow, kind: ItemKind, value: Value): void {
    if (kind === 'uid') row.uid = this.number(value, 'UID');
    else if (kind === 'size') row.size = this.number(value, 'RFC822.SIZE');
    else if (kind === 'flags') row.flags = this.flags(value);
    else if (kind === 'internalDate') row.internalDate = this.date(value);
    else if (kind === 'headers') row.headers = this.bytes(value, 'BODY[HEADER.FIELDS]');
    else if (kind === 'source') row.source = this.bytes(value, 'BODY[]');
  }

  private number(value: Value, item: string): number {
    if (value.kind !== 'atom') throw malformed(`${item} is not a number`);
    return toSafeInteger(this.slice(value), item);
  }

  private flags(value: Value): Set<string> {
    if (value.kind !== 'list') throw malformed('FLAGS is not a list');
    const flags = value.items.map((item) => {
      if (item.kind !== 'atom') throw malformed('FLAGS holds something other than a flag');
      return this.slice(item);
    });
    return new Set(flags);
  }

  /** A date a server garbled is left out rather than failing the message. */
  private date(value: Value): Date | undefined {
    return value.kind === 'quoted' ? parseInternalDate(this.unquote(value)) : undefined;
  }

  private bytes(value: Value, item: string): Buffer | undefined {
    if (value.kind === 'literal') return value.bytes;
    if (value.kind === 'quoted') return Buffer.from(this.unquote(value), 'utf8');
    if (value.kind === 'atom' && this.slice(value).toUpperCase() === 'NIL') return undefined;
    throw malformed(`${item} is not a string`);
  }

  private slice(value: { start: number; end: number }): string {
    return this.text.slice(value.start, value.end);
  }

  private unquote(value: { start: number; end: number }): string {
    return this.slice(value).replace(/\\([\s\S])/g, '$1');
  }

  /** The digits at the index (at least one), which it passes. */
  private skipDigits(what: string): string {
    const start = this.pos;
    this.skipWhile((code) => code >= DIGIT_0 && code <= DIGIT_9);
    if (this.pos === start) throw malformed(`no digits in the ${what}`);
    return this.text.slice(start, this.pos);
  }

  private skipSpaces(): void {
    this.skipWhile((code) => code === SPACE);
  }

  private skipWhile(test: (code: number) => boolean): void {
    while (this.pos < this.text.length && test(this.peek())) this.pos++;
  }

  /** NaN past the end. */
  private peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  private countToken(): void {
    if (++this.tokens > MAX_RESPONSE_TOKENS) {
      throw malformed(`more than ${MAX_RESPONSE_TOKENS} tokens`);
    }
  }

  private unexpected(): Error {
    if (this.pos >= this.text.length) return malformed('the response ends early');
    return malformed(`unexpected ${JSON.stringify(this.text[this.pos])} at ${this.pos}`);
  }
}

/** Ends an atom or an item name: SP ( ) " { (a quoted string or literal cannot follow directly). */
function isDelimiter(code: number): boolean {
  return (
    code === SPACE ||
    code === OPEN_PAREN ||
    code === CLOSE_PAREN ||
    code === QUOTE ||
    code === OPEN_BRACE
  );
}

function toSafeInteger(digits: string, what: string): number {
  const value = DIGITS.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(value)) throw malformed(`${what} is not a number within range`);
  return value;
}

/** `17-Jul-1996 02:44:25 -0700`, the day maybe space-padded (RFC 3501 date-time). */
function parseInternalDate(value: string): Date | undefined {
  const match = INTERNAL_DATE.exec(value);
  if (!match) return undefined;
  const [, day, monthName, year, hours, minutes, seconds, sign, zoneHours, zoneMinutes] = match;
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const clockValid = +hours < 24 && +minutes < 60 && +seconds < 61 && +zoneMinutes < 60;
  if (month < 0 || !clockValid) return undefined;
  const wallClock = Date.UTC(+year, month, +day, +hours, +minutes, +seconds);
  // Date.UTC rolls 31-Feb over into March.
  if (new Date(wallClock).getUTCDate() !== +day) return undefined;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (+zoneHours * 60 + +zoneMinutes);
  return new Date(wallClock - offsetMinutes * 60_000);
}
