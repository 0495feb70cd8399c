/**
 * The folder patterns of a job's folder selection (`--include`, `--exclude`), matched on a
 * folder's path inside the account's personal namespace with "/" between levels whatever the
 * server's delimiter and prefix (`INBOX.Projects.2024` on Courier is `Projects/2024`):
 * - `*` stands for any characters within one level, `?` for one character;
 * - `**` as a whole level stands for any number of levels, none included: `Projects/**` is
 *   Projects and everything under it;
 * - `\Trash` (an RFC 6154 attribute) is the folder the server marks with it, whatever its name;
 * - letters match without regard to case, as people type folder names.
 */

/** What a pattern is matched against: a folder as the source account lists it. */
export interface PatternFolder {
  /** Its levels inside the personal namespace. */
  segments: readonly string[];
  specialUse?: string;
}

export const MAX_FOLDER_PATTERN_LENGTH = 1000;
/** Enough for any rule set a person writes; a bound for what one request makes BTSX compile. */
export const MAX_FOLDER_PATTERNS = 100;
const SPECIAL_USES = ['\\All', '\\Archive', '\\Drafts', '\\Flagged', '\\Junk', '\\Sent', '\\Trash'];
const ANY_LEVELS = '**';

export type FolderMatcher = (folder: PatternFolder) => boolean;

/** What is wrong with a pattern, in words, or undefined when it compiles. */
export function folderPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'it is empty';
  if (pattern.length > MAX_FOLDER_PATTERN_LENGTH) {
    return `it is longer than ${MAX_FOLDER_PATTERN_LENGTH} characters`;
  }
  if (/\p{Cc}/u.test(pattern)) return 'it holds a control character';
  if (pattern.startsWith('\\')) {
    const known = SPECIAL_USES.find((use) => use.toLowerCase() === pattern.toLowerCase());
    return known ? undefined : `${pattern} is none of ${SPECIAL_USES.join(', ')}`;
  }
  const levels = pattern.split('/');
  if (levels.some((level) => level === '')) return 'a level between two "/" is empty';
  if (levels.some((level) => level.includes(ANY_LEVELS) && level !== ANY_LEVELS)) {
    return '"**" stands for whole levels only ("a/**/b", not "a**")';
  }
  return undefined;
}

/**
 * The matcher of a pattern folderPatternProblem accepts (a refused one throws). Linear in the
 * pattern times the path, whatever the stars: a pattern comes from a request.
 */
export function compileFolderPattern(pattern: string): FolderMatcher {
  const match = compileMatcher(pattern);
  return (folder) => match(folder) !== undefined;
}

/** What each wildcard of a pattern took of a folder it matches; undefined when it does not. */
export type FolderCaptures = (folder: PatternFolder) => string[] | undefined;

/**
 * Like compileFolderPattern, and says what each wildcard took, in the pattern's order: a `*`
 * its characters, a `**` its levels joined by "/". Earlier wildcards take as much as they
 * can, as in a regular expression; the text keeps the folder's case.
 */
export function compileFolderCaptures(pattern: string): FolderCaptures {
  const match = compileMatcher(pattern);
  return (folder) => match(folder)?.();
}

/** A folder matched: what each wildcard took, worked out only when asked. */
type Matched = () => string[];

function compileMatcher(pattern: string): (folder: PatternFolder) => Matched | undefined {
  const problem = folderPatternProblem(pattern);
  if (problem) throw new Error(`Folder pattern "${pattern}": ${problem}`);
  if (pattern.startsWith('\\')) {
    const use = pattern.toLowerCase();
    return (folder) => (folder.specialUse?.toLowerCase() === use ? () => [] : undefined);
  }
  const levels = levelsOf(pattern);
  return (folder) => {
    const original = folder.segments.map((segment) => [...segment]);
    const path = original.map(lowered);
    const reach = reachTable(levels, path);
    if (!reach[levels.length][path.length]) return undefined;
    return () => capturesOf(levels, reach, path, original);
  };
}

/** How many wildcards (`*`, `**`) a pattern has: what $1, $2... of a mapping rule may name. */
export function wildcardCount(pattern: string): number {
  if (pattern.startsWith('\\')) return 0;
  return levelsOf(pattern).reduce(
    (n, level) => n + (level === ANY_LEVELS ? 1 : level.filter((c) => c === '*').length),
    0,
  );
}

/** A level's characters (code points), or any number of levels. */
type Level = string[] | typeof ANY_LEVELS;

/** The pattern's levels, a run of "**" as one: the same folders, far fewer steps. */
function levelsOf(pattern: string): Level[] {
  return pattern
    .split('/')
    .filter((level, n, all) => level !== ANY_LEVELS || all[n - 1] !== ANY_LEVELS)
    .map((level) => (level === ANY_LEVELS ? level : lowered([...level])));
}

/** Lower case one code point at a time, so positions still match the original's. */
function lowered(codePoints: string[]): string[] {
  return codePoints.map((c) => c.toLowerCase());
}

/** reach[i][j]: the first i levels match the first j segments; each "**" tried once per j. */
function reachTable(levels: readonly Level[], path: readonly string[][]): boolean[][] {
  const rows = [path.map((_, j) => j === 0).concat(path.length === 0)];
  for (const level of levels) {
    const reachable = rows[rows.length - 1];
    const next = reachable.map(() => false);
    for (let j = 0; j <= path.length; j++) {
      if (!reachable[j]) continue;
      if (level === ANY_LEVELS) {
        next.fill(true, j);
        break;
      }
      if (j < path.length && matchGlob(level, path[j])) next[j + 1] = true;
    }
    rows.push(next);
  }
  return rows;
}

/**
 * Walks a match back from its end: each "**" takes the fewest levels the ones before it leave,
 * so the earlier take the most.
 */
function capturesOf(
  levels: readonly Level[],
  reach: boolean[][],
  path: readonly string[][],
  original: readonly string[][],
): string[] {
  const captures: string[][] = [];
  let j = path.length;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (level === ANY_LEVELS) {
      let k = j;
      while (!reach[i][k]) k--;
      captures.unshift([
        original
          .slice(k, j)
          .map((s) => s.join(''))
          .join('/'),
      ]);
      j = k;
    } else {
      j--;
      captures.unshift(globCaptures(level, path[j], original[j]));
    }
  }
  return captures.flat();
}

/** What each `*` of a level took of a name it matches, the earlier ones as much as they can. */
function globCaptures(pattern: string[], name: string[], original: string[]): string[] {
  // fits[p][n]: the first p characters of the pattern match the first n of the name.
  const fits = [name.map(() => false).concat(false)];
  fits[0][0] = true;
  for (const [p, char] of pattern.entries()) {
    const row = fits[p];
    const next = row.map(() => false);
    for (let n = 0; n <= name.length; n++) {
      next[n] =
        char === '*'
          ? row[n] || (n > 0 && next[n - 1])
          : n > 0 && row[n - 1] && (char === '?' || char === name[n - 1]);
    }
    fits.push(next);
  }
  const captures: string[] = [];
  let n = name.length;
  for (let p = pattern.length - 1; p >= 0; p--) {
    if (pattern[p] !== '*') {
      n--;
      continue;
    }
    let k = n;
    while (!fits[p][k]) k--;
    captures.unshift(original.slice(k, n).join(''));
    n = k;
  }
  return captures;
}

/** `*` and `?` over one level, by the classic two-pointer walk: no regular expression. */
function matchGlob(pattern: readonly string[], name: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let starName = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      starName = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++starName;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A job's folder selection: the patterns a folder must match one of, and must match none of. */
export interface FolderRules {
  /** Only folders that match one of these (every folder when absent or empty). */
  include?: readonly string[];
  /** No folder that matches one of these, included or not. */
  exclude?: readonly string[];
}

/** Why the rules leave a folder out ("excluded by Trash"), or undefined when it is copied. */
export type FolderVerdict = (folder: PatternFolder) => string | undefined;

export function compileFolderRules({ include = [], exclude = [] }: FolderRules): FolderVerdict {
  const compiled = (patterns: readonly string[]) =>
    patterns.map((pattern) => ({ pattern, matches: compileFolderPattern(pattern) }));
  const includes = compiled(include);
  const excludes = compiled(exclude);
  return (folder) => {
    if (includes.length > 0 && !includes.some((p) => p.matches(folder))) {
      return `not included: matches none of ${include.join(', ')}`;
    }
    const excluded = excludes.find((p) => p.matches(folder));
    return excluded && `excluded by ${excluded.pattern}`;
  };
}
