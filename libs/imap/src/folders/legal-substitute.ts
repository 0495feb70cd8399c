import { DELIMITER_REPLACEMENT } from './plan-folder-mapping';

/**
 * Characters some server refuses in a folder's name: Courier "/" and "~", Cyrus "%", '"',
 * backslash, "^" and tabs, Dovecot a leading "~", others "." or "*"; and control characters.
 */
const OFTEN_REFUSED = /[/\\.~%*"^\u0000-\u001f\u007f]/g;
/** Servers limit a name's length (Dovecot: 255 bytes a level); a substitute keeps under most. */
const SUBSTITUTE_MAX_CHARS = 100;

/**
 * A name for a folder the destination refused that servers commonly accept: its last level
 * with each often refused character replaced, cut to a length most allow. The same path
 * when there is nothing to replace (then the refusal stands).
 */
export function legalSubstitute(path: string, delimiter: string): string {
  const levels = delimiter === '' ? [path] : path.split(delimiter);
  const last = levels.pop() ?? '';
  const replaced = last
    .replace(OFTEN_REFUSED, DELIMITER_REPLACEMENT)
    .slice(0, SUBSTITUTE_MAX_CHARS);
  return [...levels, replaced].join(delimiter);
}
