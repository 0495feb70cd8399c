import { describe, expect, it } from 'vitest';
import {
  folderFields,
  folderRules,
  localMidnight,
  messageFields,
  messageFieldsProblem,
  messageFilter,
  NO_MESSAGE_FILTER,
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

describe('the message fields of the start page', () => {
  it('starts a day at midnight where the person is, with the offset of that day', () => {
    for (const day of ['2024-01-15', '2024-07-15']) {
      const [year, month, date] = day.split('-').map(Number);
      expect(Date.parse(localMidnight(day))).toBe(new Date(year, month - 1, date).getTime());
      expect(localMidnight(day)).toMatch(new RegExp(`^${day}T00:00:00[+-]\\d{2}:\\d{2}$`));
    }
  });

  it('sends only what filters, sizes in bytes, and reads it back into the fields', () => {
    expect(messageFilter(NO_MESSAGE_FILTER)).toEqual({});
    const fields = { since: '2024-01-15', before: '', maxMegabytes: 2.5, skipDeleted: true };
    const { messages } = messageFilter(fields);
    expect(messages).toEqual({
      since: localMidnight('2024-01-15'),
      maxBytes: 2.5 * 1024 * 1024,
      skipDeleted: true,
    });
    expect(messageFields({ messages })).toEqual(fields);
  });

  it('names what cannot be applied: dates out of order, a size of nothing', () => {
    const fields = { ...NO_MESSAGE_FILTER, since: '2024-03-01', before: '2024-02-01' };
    expect(messageFieldsProblem(fields)).toMatch(
      /^since \(2024-03-01T.*\) must be earlier than before/,
    );
    expect(messageFieldsProblem({ ...NO_MESSAGE_FILTER, maxMegabytes: 0 })).toBe(
      'The largest message must be more than 0 MB',
    );
    expect(messageFieldsProblem({ ...fields, before: '2024-04-01' })).toBeNull();
  });
});
