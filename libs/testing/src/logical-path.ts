/** Fixtures and snapshots name folders by segments joined with '/', whatever the server uses. */
export const LOGICAL_SEPARATOR = '/';
const INBOX = 'INBOX';

/** Where a server keeps the personal folders: its separator and namespace prefix. */
export interface PersonalNamespace {
  separator: string;
  namespacePrefix: string;
}

export function toSegments(logicalPath: string): string[] {
  return logicalPath.split(LOGICAL_SEPARATOR);
}

export function toServerPath(logicalPath: string, separator: string): string {
  return toSegments(logicalPath).join(separator);
}

export function toLogicalPath(serverPath: string, separator: string): string {
  return separator ? serverPath.split(separator).join(LOGICAL_SEPARATOR) : serverPath;
}

/** `Projects/2024` -> `INBOX.Projects.2024` on a server whose folders live under INBOX. */
export function toNamespacedPath(logicalPath: string, namespace: PersonalNamespace): string {
  if (logicalPath.toUpperCase() === INBOX) return INBOX;
  return namespace.namespacePrefix + toServerPath(logicalPath, namespace.separator);
}

/** The inverse of toNamespacedPath for a path LIST returned (INBOX stays INBOX). */
export function fromNamespacedPath(serverPath: string, namespace: PersonalNamespace): string {
  const { namespacePrefix: prefix } = namespace;
  const inside = prefix && serverPath.startsWith(prefix);
  return toLogicalPath(inside ? serverPath.slice(prefix.length) : serverPath, namespace.separator);
}
