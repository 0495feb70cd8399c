/**
 * What a server stores of a message APPENDed to it, as found on the packages these tests run
 * (docs/servers.md): the bytes it keeps, or its refusal.
 */
export type Storing = { stored: Buffer } | { refused: RegExp };

/** A server's documented way with a message's bytes. */
export type ServerHabits = (raw: Buffer) => Storing;

const BARE_LF = /(?<!\r)\n/g;
const NUL = /\0/g;
const EIGHT_BIT = /[\x80-\xff]/g;
const HEADER_END = '\r\n\r\n';

// Bytes as latin1 text: one character a byte, so regular expressions can rewrite them.
const text = (raw: Buffer): string => raw.toString('latin1');
const bytes = (latin1: string): Buffer => Buffer.from(latin1, 'latin1');

/** Dovecot 2.3: no empty message; bare LF stored as CRLF, NUL as 0x80. */
export const dovecotHabits: ServerHabits = (raw) => {
  if (raw.length === 0) return { refused: /zero byte/i };
  return { stored: bytes(text(raw).replace(BARE_LF, '\r\n').replace(NUL, '\x80')) };
};

/** Courier-IMAP 5.0 keeps a Maildir file with LF line ends and serves it with CRLF. */
export const courierHabits: ServerHabits = (raw) => ({
  stored: bytes(text(raw).replace(BARE_LF, '\r\n')),
});

/**
 * Cyrus IMAP 3.6 refuses an empty message, bare LF and NUL (in a plain literal: imapflow's
 * BINARY APPEND gets NUL in), and its munge8bit (on by default) turns each raw 8-bit byte of
 * the header into 'X'.
 */
export const cyrusHabits: ServerHabits = (raw) => {
  if (raw.length === 0) return { refused: /Zero-length message/ };
  const message = text(raw);
  if (message.search(BARE_LF) >= 0) return { refused: /bare newlines/ };
  if (message.search(NUL) >= 0) return { refused: /NUL characters/ };
  const headerEnd = message.indexOf(HEADER_END);
  const end = headerEnd < 0 ? message.length : headerEnd;
  return { stored: bytes(message.slice(0, end).replace(EIGHT_BIT, 'X') + message.slice(end)) };
};
