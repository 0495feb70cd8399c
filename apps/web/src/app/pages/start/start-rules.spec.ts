import { describe, expect, it } from 'vitest';
import { folderFields, folderRules, patternLines, patternsProblem } from './start-rules';

describe('the folder fields of the start page', () => {
  it('reads one pattern a line, blank lines and surrounding blanks dropped', () => {
    expect(patternLines('  INBOX \n\n Projects/**\n')).toEqual(['INBOX', 'Projects/**']);
  });

  it('names the first pattern that does not compile, and why', () => {
    expect(patternsProblem('Trash\na**\n//')).toBe(
      'a**: "**" stands for whole levels only ("a/**/b", not "a**")',
    );
    expect(patternsProblem('Trash\n\\Junk')).toBeNull();
  });

  it('sends no folder rules for empty fields, and both lists otherwise', () => {
    expect(folderRules({ include: ' \n', exclude: '' })).toEqual({});
    expect(folderRules({ include: '', exclude: '\\Trash\nOld/**' })).toEqual({
      folders: { include: [], exclude: ['\\Trash', 'Old/**'] },
    });
  });

  it('puts saved rules back into the fields', () => {
    const folders = { include: ['INBOX'], exclude: ['\\Trash', 'Old/**'] };
    expect(folderFields({ folders })).toEqual({ include: 'INBOX', exclude: '\\Trash\nOld/**' });
    expect(folderRules(folderFields({ folders }))).toEqual({ folders });
  });
});
