/** AES-256 needs exactly 32 key bytes. */
export const KEY_BYTES = 32;
/** Stored with every record, so keep it short and free of separators. */
const KEY_ID_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;
/** Standard base64 with padding, as `openssl rand -base64 32` prints it. */
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The 32 key bytes of a base64 string, or null when it is anything else. */
export function decodeKey(base64: string): Buffer | null {
  const text = base64.trim();
  if (!BASE64_PATTERN.test(text)) return null;
  const key = Buffer.from(text, 'base64');
  return key.length === KEY_BYTES ? key : null;
}

export function isKeyId(id: string): boolean {
  return KEY_ID_PATTERN.test(id);
}

/**
 * `id:base64key,id:base64key` (keys that wrote older records) into a map, or null when any
 * entry is malformed. An empty list is valid: no previous keys.
 */
export function parsePreviousKeys(list: string): Map<string, Buffer> | null {
  const keys = new Map<string, Buffer>();
  for (const entry of list
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = colon > 0 ? decodeKey(entry.slice(colon + 1)) : null;
    if (!key || !isKeyId(id) || keys.has(id)) return null;
    keys.set(id, key);
  }
  return keys;
}
