/**
 * Where an account's own folders live on a server (RFC 2342): Courier keeps them under
 * "INBOX." with ".", Dovecot and Cyrus usually at the top ("") with "/" or ".". Folders are
 * mapped by their place inside this namespace, so `INBOX.Projects.2024` on Courier becomes
 * `Projects/2024` on a server without a prefix, and back.
 */
export interface PersonalNamespace {
  prefix: string;
  delimiter: string;
}

/** The namespaces of an account, as the server reported them after login. */
export interface Namespaces {
  personal: PersonalNamespace;
  /** Prefixes of other users' and shared folders ("#shared.", "Other Users/"): never copied. */
  foreign: string[];
}

const INBOX = 'INBOX';

export function isInboxPath(path: string): boolean {
  return path.toUpperCase() === INBOX;
}

/** Whether a listed folder lives in another user's or a shared namespace. */
export function isForeign(path: string, namespaces: Namespaces): boolean {
  return namespaces.foreign.some((prefix) => prefix !== '' && path.startsWith(prefix));
}

/**
 * A folder's hierarchy inside the personal namespace: `INBOX.Projects.2024` under "INBOX."
 * is [Projects, 2024]; INBOX stays [INBOX], and so does a child of INBOX on a server whose
 * prefix is empty (`INBOX/Sub` is [INBOX, Sub]).
 */
export function segmentsInNamespace(path: string, namespace: PersonalNamespace): string[] {
  if (isInboxPath(path)) return [INBOX];
  const { prefix, delimiter } = namespace;
  const inner = prefix !== '' && path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return delimiter === '' ? [inner] : inner.split(delimiter);
}

/**
 * The server's path of a hierarchy inside its personal namespace: the prefix added, except
 * for INBOX and what lies under it, which a prefixed server keeps there already (`INBOX.Sub`).
 */
export function pathInNamespace(segments: string[], namespace: PersonalNamespace): string {
  const joined = segments.join(namespace.delimiter);
  if (segments[0].toUpperCase() === INBOX) {
    return segments.length === 1 ? INBOX : joined;
  }
  return namespace.prefix + joined;
}
