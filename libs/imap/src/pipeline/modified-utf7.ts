/** Printable US-ASCII stands for itself in a mailbox name (RFC 3501 section 5.1.3). */
const PRINTABLE = /^[\x20-\x25\x27-\x7e]$/;

/**
 * Encodes a mailbox name in modified UTF-7 (RFC 3501 section 5.1.3): printable ASCII as is,
 * "&" as "&-", every other run as "&" + modified BASE64 (",", not "/") of its UTF-16BE + "-".
 * We never ENABLE UTF8=ACCEPT, so this is the only form the server accepts.
 */
export function encodeModifiedUtf7(name: string): string {
  let out = '';
  let run = '';
  const flush = (): void => {
    if (!run) return;
    out += `&${utf16be(run).toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    run = '';
  };
  for (const char of name) {
    if (char === '&') {
      flush();
      out += '&-';
    } else if (PRINTABLE.test(char)) {
      flush();
      out += char;
    } else {
      run += char;
    }
  }
  flush();
  return out;
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}
