import { createHash } from 'node:crypto';

export interface IdentityFields {
  messageId?: string;
  date?: string;
  from?: string;
  subject?: string;
  size: number;
}

/** Prefixes keep a Message-ID from ever equalling a digest. */
const MESSAGE_ID_PREFIX = 'mid:';
const DIGEST_PREFIX = 'sha256:';

/**
 * The key that says "this message is already at the destination": the normalized Message-ID
 * when the message has one, otherwise a sha256 of Date, From, Subject and size. Header values
 * are compared raw (unfolded, whitespace collapsed), with raw 8-bit bytes and NULs read as
 * `X`: servers store messages as appended, except that Cyrus writes each 8-bit header byte
 * as `X` (munge8bit) and Dovecot a NUL as 0x80, and neither may change the key.
 */
export function messageIdentity(fields: IdentityFields): string {
  const messageId = normalizeMessageId(fields.messageId);
  if (messageId) return MESSAGE_ID_PREFIX + messageId;
  const digest = createHash('sha256')
    .update([fields.date, fields.from, fields.subject].map(normalizeValue).join('\n'))
    .update(`\n${fields.size}`)
    .digest('hex');
  return DIGEST_PREFIX + digest;
}

/**
 * `<Local@Domain>` with folding whitespace and comments dropped (RFC 5322 section 3.6.4). The
 * domain is case-insensitive, the local part is not, so only the domain is lowercased.
 */
export function normalizeMessageId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracketed = value.match(/<([^<>]+)>/);
  const bare = (bracketed ? bracketed[1] : value).replace(/\s+/g, '');
  if (!bare) return undefined;
  const at = bare.lastIndexOf('@');
  return at < 0 ? `<${bare}>` : `<${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}>`;
}

/** Header values come one byte to a character (latin1): \u0080-\u00ff are raw 8-bit bytes. */
const RAW_8BIT_OR_NUL = /[\u0000\u0080-\u00ff]/g;

function normalizeValue(value: string | undefined): string {
  return (value ?? '').replace(RAW_8BIT_OR_NUL, 'X').replace(/\s+/g, ' ').trim();
}
