import { describe, expect, it } from 'vitest';
import {
  folderFields,
  folderRules,
  patternLines,
  patternsProblem,
  rulesProblem,
} from './start-rules';

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
    expect(folderRules({ include: ' \n', exclude: '', map: '' })).toEqual({});
    expect(folderRules({ include: '', exclude: '\\Trash\nOld/**', map: '' })).toEqual({
      folders: { include: [], exclude: ['\\Trash', 'Old/**'] },
    });
  });

  it('puts saved rules back into the fields', () => {
    const folders = { include: ['INBOX'], exclude: ['\\Trash', 'Old/**'] };
    expect(folderFields({ folders })).toEqual({
      include: 'INBOX',
      exclude: '\\Trash\nOld/**',
      map: '',
    });
    expect(folderRules(folderFields({ folders }))).toEqual({ folders });
  });

  it('reads one mapping rule a line, FROM => TO, and names the first that does not compile', () => {
    const map = ' Old Stuff =>  Archive/2019 \n** => Imported/$1';
    const folders = {
      include: [],
      exclude: [],
      map: [
        { from: 'Old Stuff', to: 'Archive/2019' },
        { from: '**', to: 'Imported/$1' },
      ],
    };
    expect(folderRules({ include: '', exclude: '', map })).toEqual({ folders });
    expect(folderFields({ folders }).map).toBe('Old Stuff => Archive/2019\n** => Imported/$1');
    expect(rulesProblem(map)).toBeNull();
    expect(rulesProblem('Old => Archive\nJust a name')).toBe(
      'Just a name: write a rule as FROM => TO',
    );
    expect(rulesProblem('* => x/$2')).toBe(
      '* => x/$2: $2 stands for nothing: "*" has 1 wildcard(s)',
    );
  });
});
