/** `=?charset?B|Q?text?=` (RFC 2047 section 2). */
const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
/** Whitespace between two encoded words is not part of the text (RFC 2047 section 6.2). */
const BETWEEN_WORDS = /(\?=)\s+(=\?)/g;

/**
 * A header value as a person reads it: raw 8-bit bytes read as UTF-8 (or Latin-1), encoded words
 * decoded, folding whitespace collapsed, and cut to `maxChars`. For reports, never for
 * matching (identities compare the raw value).
 */
export function headerText(raw: string | undefined, maxChars: number): string | undefined {
  if (raw === undefined) return undefined;
  const text = rawText(raw)
    .replace(BETWEEN_WORDS, '$1$2')
    .replace(
      ENCODED_WORD,
      (word, charset: string, encoding: string, data: string) =>
        decodeWord(charset, encoding, data) ?? word,
    )
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, maxChars).join('');
}

/**
 * parseIdentityHeaders reads header bytes one to a character (latin1). Raw 8-bit bytes are
 * UTF-8 in most mail that has them (RFC 6532), Latin-1 in older mail.
 */
function rawText(raw: string): string {
  const bytes = Buffer.from(raw, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return raw;
  }
}

function decodeWord(charset: string, encoding: string, data: string): string | undefined {
  const bytes =
    encoding.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
              String.fromCharCode(parseInt(hex, 16)),
            ),
          'latin1',
        );
  try {
    // RFC 2231 allows a language after '*': `utf-8*en`.
    return new TextDecoder(charset.split('*')[0]).decode(bytes);
  } catch {
    return undefined;
  }
}
