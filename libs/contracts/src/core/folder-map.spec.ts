import { compileFolderMap, describeFolderMapRule, folderMapRuleProblem } from './folder-map';

const folder = (path: string, specialUse?: string) => ({ segments: path.split('/'), specialUse });

describe('folder mapping rules', () => {
  it('renames a folder, and the first rule that matches wins', () => {
    const map = compileFolderMap([
      { from: 'Old Stuff', to: 'Archive/2019' },
      { from: '*', to: 'Imported/$1' },
    ]);
    expect(map(folder('old stuff'))).toEqual({
      segments: ['Archive', '2019'],
      rule: 'Old Stuff => Archive/2019',
    });
    expect(map(folder('Notes'))).toEqual({
      segments: ['Imported', 'Notes'],
      rule: '* => Imported/$1',
    });
    expect(map(folder('Notes/Deep'))).toBeUndefined();
  });

  it('fills $1, $2... with what the wildcards took, levels included', () => {
    const map = compileFolderMap([
      { from: 'Projects/*/**', to: 'Work/$1 archive/$2' },
      { from: '**', to: 'Imported from old.example/$1' },
    ]);
    expect(map(folder('Projects/Acme/2024/Q1'))?.segments).toEqual([
      'Work',
      'Acme archive',
      '2024',
      'Q1',
    ]);
    // "**" took nothing: no empty level.
    expect(map(folder('Projects/Acme'))?.segments).toEqual(['Work', 'Acme archive']);
    expect(map(folder('INBOX'))?.segments).toEqual(['Imported from old.example', 'INBOX']);
  });

  it('maps a folder by its special use', () => {
    const map = compileFolderMap([{ from: '\\Sent', to: 'Old mail/Sent' }]);
    expect(map(folder('Sent Items', '\\Sent'))?.segments).toEqual(['Old mail', 'Sent']);
  });

  it.each([
    [{ from: 'a//b', to: 'x' }, 'its pattern "a//b": a level between two "/" is empty'],
    [{ from: 'a', to: '' }, 'it names no destination folder'],
    [{ from: 'a', to: '/x' }, 'a level between two "/" of its destination is empty'],
    [{ from: 'a', to: 'x/../../etc' }, 'its destination steps out of a folder ("." or "..")'],
    [{ from: 'a', to: 'x\u0007' }, 'its destination holds a control character'],
    [
      { from: 'a', to: '\\Trash' },
      'its destination names a folder, not an attribute such as \\Trash',
    ],
    [{ from: 'a/*', to: 'x/$2' }, '$2 stands for nothing: "a/*" has 1 wildcard(s)'],
    [{ from: 'a', to: 'x/$0' }, '$0 stands for nothing: "a" has 0 wildcard(s)'],
  ])('refuses %j: %s', (rule, problem) => {
    expect(folderMapRuleProblem(rule)).toBe(problem);
    expect(() => compileFolderMap([rule])).toThrow(
      `Folder rule "${describeFolderMapRule(rule)}": ${problem}`,
    );
  });
});
