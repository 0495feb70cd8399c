/** Fixtures and snapshots name folders by segments joined with '/', whatever the server uses. */
export const LOGICAL_SEPARATOR = '/';

export function toSegments(logicalPath: string): string[] {
  return logicalPath.split(LOGICAL_SEPARATOR);
}

export function toServerPath(logicalPath: string, separator: string): string {
  return toSegments(logicalPath).join(separator);
}

export function toLogicalPath(serverPath: string, separator: string): string {
  return separator ? serverPath.split(separator).join(LOGICAL_SEPARATOR) : serverPath;
}
