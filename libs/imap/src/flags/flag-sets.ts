/**
 * Flags as two servers can be compared on: without case (RFC 3501 section 2.3.2 makes flag
 * names case-insensitive) and without \Recent, session state each server sets itself.
 */
export function comparableFlags(flags: readonly string[]): string[] {
  return flags
    .map((flag) => flag.toLowerCase())
    .filter((flag) => flag !== '\\recent')
    .sort();
}

export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return comparableFlags(a).join(' ') === comparableFlags(b).join(' ');
}
