/**
 * Writing IMAP arguments (RFC 3501 section 9, formal syntax). Everything here returns wire
 * text; nothing here talks to a socket.
 */

import { encodeModifiedUtf7 } from './modified-utf7';

/** A quoted string may hold any 7-bit character but NUL, CR and LF (RFC 3501 `quoted`). */
const QUOTABLE = /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/;
/**
 * ATOM-CHAR: 7-bit, not a control, not an atom-special: ( ) { SP % * " \ ]. Flags are atoms
 * (or "\" + atom for system flags) and have no quoted form, so a keyword outside this cannot
 * be sent at all.
 */
const ATOM = /^[\x21\x23\x24\x26\x27\x2b-\x5b\x5e-\x7a\x7c-\x7e]+$/;
/** \Recent is session state the server sets itself (RFC 3501 section 2.3.2); APPEND may not. */
const SERVER_ONLY_FLAGS = new Set(['\\recent']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** True when `value` can travel as a quoted string; otherwise it needs a literal. */
export function isQuotable(value: string): boolean {
  return QUOTABLE.test(value);
}

/** `"value"` with `\` and `"` escaped. Throws for text that needs a literal. */
export function quoteString(value: string): string {
  if (!isQuotable(value)) throw new Error('This value cannot be sent as a quoted string');
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A folder name as a command argument: modified UTF-7 (RFC 3501 section 5.1.3), quoted. */
export function mailboxArgument(path: string): string {
  return quoteString(encodeModifiedUtf7(path));
}

/**
 * The flags APPEND can carry, in wire form: \Recent removed, and anything that is not a valid
 * flag (a keyword with a space, a bracket or 8-bit text) dropped rather than sent as garbage
 * that would make the server answer BAD. Duplicates (case-insensitive) are sent once.
 */
export function appendableFlags(flags: readonly string[]): string[] {
  const seen = new Set<string>();
  return flags.filter((flag) => {
    const lower = flag.toLowerCase();
    if (SERVER_ONLY_FLAGS.has(lower) || seen.has(lower)) return false;
    const atom = flag.startsWith('\\') ? flag.slice(1) : flag;
    if (!ATOM.test(atom)) return false;
    seen.add(lower);
    return true;
  });
}

/** `(\Seen $Label1)`; flags must already be filtered by appendableFlags. */
export function flagList(flags: readonly string[]): string {
  return `(${flags.join(' ')})`;
}

/** `"dd-Mon-yyyy hh:mm:ss +0000"` (RFC 3501 date-time), in UTC: IMAP keeps whole seconds. */
export function formatInternalDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = pad(date.getUTCDate());
  const month = MONTHS[date.getUTCMonth()];
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `"${day}-${month}-${date.getUTCFullYear()} ${time} +0000"`;
}
