/** The header fields an identity is made of (FETCH BODY.PEEK[HEADER.FIELDS (...)]). */
export const IDENTITY_HEADER_FIELDS = ['message-id', 'date', 'from', 'subject'];

export interface IdentityHeaders {
  messageId?: string;
  date?: string;
  from?: string;
  subject?: string;
}

/**
 * Reads the identity fields from a raw header block: unfolds continuation lines (RFC 5322
 * section 2.2.3) and keeps the first occurrence of each field.
 */
export function parseIdentityHeaders(block: Buffer | string | undefined): IdentityHeaders {
  const text = (block ?? '').toString('binary').replace(/\r?\n[ \t]/g, ' ');
  const found = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!found.has(name)) found.set(name, line.slice(colon + 1).trim());
  }
  return {
    messageId: found.get('message-id'),
    date: found.get('date'),
    from: found.get('from'),
    subject: found.get('subject'),
  };
}
