/** \Recent is session state the server sets itself (RFC 3501 section 2.3.2); APPEND may not. */
const SERVER_ONLY_FLAGS = new Set(['\\recent']);
/** In PERMANENTFLAGS, "\*" means new keywords can be created (RFC 3501 section 7.1). */
const ANY_KEYWORD = '\\*';

/**
 * The flags the destination folder can keep. `permanentFlags` is what SELECT reported;
 * undefined means the server did not say, so everything but \Recent is offered.
 */
export function storableFlags(
  flags: readonly string[],
  permanentFlags?: ReadonlySet<string>,
): string[] {
  const permanent = permanentFlags && new Set([...permanentFlags].map((f) => f.toLowerCase()));
  return flags.filter((flag) => {
    const lower = flag.toLowerCase();
    if (SERVER_ONLY_FLAGS.has(lower)) return false;
    if (!permanent) return true;
    if (permanent.has(lower)) return true;
    return !flag.startsWith('\\') && permanent.has(ANY_KEYWORD);
  });
}
