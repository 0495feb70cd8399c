import {
  compileFolderCaptures,
  compileFolderPattern,
  compileFolderRules,
  folderPatternProblem,
  wildcardCount,
} from './folder-pattern';

const folder = (path: string, specialUse?: string) => ({ segments: path.split('/'), specialUse });
const matches = (pattern: string, path: string, specialUse?: string) =>
  compileFolderPattern(pattern)(folder(path, specialUse));

describe('folder patterns', () => {
  it.each([
    ['Trash', 'Trash', true],
    ['trash', 'Trash', true],
    ['Trash', 'Trash/Old', false],
    ['Trash', 'Old Trash', false],
    ['*', 'Archive', true],
    ['*', 'Archive/2019', false],
    ['Archive/*', 'Archive/2019', true],
    ['Archive/*', 'Archive', false],
    ['Archive/20?9', 'Archive/2019', true],
    ['Archive/20?9', 'Archive/20199', false],
    ['*2019*', 'Report 2019 final', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbY', false],
    ['Projects/**', 'Projects', true],
    ['Projects/**', 'Projects/2024/Q1', true],
    ['Projects/**', 'Projects2', false],
    ['**/Q1', 'Projects/2024/Q1', true],
    ['**/Q1', 'Q1', true],
    ['**/2024/**', 'Projects/2024/Q1', true],
    ['INBOX/Projects/**', 'INBOX/Projects/x', true],
    ['Reçus', 'REÇUS', true],
    ['a.b', 'a.b', true],
    ['a.b', 'aXb', false],
    ['(x)+[y]', '(x)+[y]', true],
  ])('%s on %s: %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it.each([
    ['Old Stuff', 'old stuff', []],
    ['*', 'Archive', ['Archive']],
    ['Archive/*', 'Archive/2019', ['2019']],
    ['*-*', 'a-b-c', ['a-b', 'c']],
    ['Re?orts *', 'Reports Q1', ['Q1']],
    ['**', 'Projects/2024/Q1', ['Projects/2024/Q1']],
    ['Projects/**', 'Projects', ['']],
    ['Projects/**', 'projects/2024/Q1', ['2024/Q1']],
    ['**/Q*', 'Projects/2024/Q1', ['Projects/2024', '1']],
    ['**/**', 'a/b/c', ['a/b/c']],
    ['*/**/*', 'a/b/c/d', ['a', 'b/c', 'd']],
    ['Ré*', 'RÉSUMÉS', ['SUMÉS']],
  ])('%s on %s takes %j', (pattern, path, taken) => {
    expect(compileFolderCaptures(pattern)(folder(path))).toEqual(taken);
  });

  it('takes nothing of a folder it does not match, and counts the wildcards $1... may name', () => {
    expect(compileFolderCaptures('Archive/*')(folder('Archive'))).toBeUndefined();
    expect(compileFolderCaptures('\\Sent')(folder('Sent Items', '\\Sent'))).toEqual([]);
    expect([wildcardCount('a/*/b*c'), wildcardCount('**/x'), wildcardCount('\\Sent')]).toEqual([
      2, 1, 0,
    ]);
  });

  it('matches a special-use attribute whatever the folder is called', () => {
    expect(matches('\\Trash', 'Deleted Items', '\\Trash')).toBe(true);
    expect(matches('\\trash', '[Gmail]/Bin', '\\Trash')).toBe(true);
    expect(matches('\\Trash', 'Trash')).toBe(false);
  });

  it.each([
    ['', 'it is empty'],
    ['/Trash', 'a level between two "/" is empty'],
    ['Trash/', 'a level between two "/" is empty'],
    ['a//b', 'a level between two "/" is empty'],
    ['a**', '"**" stands for whole levels only ("a/**/b", not "a**")'],
    ['\\Spam', '\\Spam is none of \\All, \\Archive, \\Drafts, \\Flagged, \\Junk, \\Sent, \\Trash'],
    ['a\u0000b', 'it holds a control character'],
    ['x'.repeat(1001), 'it is longer than 1000 characters'],
  ])('refuses %j: %s', (pattern, problem) => {
    expect(folderPatternProblem(pattern)).toBe(problem);
    expect(() => compileFolderPattern(pattern)).toThrow(`Folder pattern "${pattern}": ${problem}`);
  });

  // A backtracking matcher would still be at these when the test times out.
  it('matches many stars and many "**" levels without backtracking', () => {
    const stars = `${'*a'.repeat(200)}b`;
    const deep = Array.from({ length: 300 }, () => '**').join('/');
    expect(matches(stars, 'a'.repeat(500))).toBe(false);
    expect(matches(`${deep}/x`, Array.from({ length: 300 }, () => 'y').join('/'))).toBe(false);
  });
});

describe('folder rules', () => {
  const verdict = compileFolderRules({ include: ['INBOX', 'Projects/**'], exclude: ['**/Old'] });

  it('copies what one include matches and no exclude does', () => {
    expect(verdict(folder('INBOX'))).toBeUndefined();
    expect(verdict(folder('Projects/2024'))).toBeUndefined();
  });

  it('says why it leaves a folder out', () => {
    expect(verdict(folder('Sent'))).toBe('not included: matches none of INBOX, Projects/**');
    expect(verdict(folder('Projects/Old'))).toBe('excluded by **/Old');
  });

  it('copies every folder without rules', () => {
    expect(compileFolderRules({})(folder('Anything/At/All'))).toBeUndefined();
  });
});
