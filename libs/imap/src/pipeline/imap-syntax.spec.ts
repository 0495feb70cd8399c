import { appendableFlags, flagList, formatInternalDate, quoteString } from './imap-syntax';

describe('quoteString', () => {
  it('escapes backslash and double quote', () => {
    expect(quoteString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('refuses CR and LF, which need a literal', () => {
    expect(() => quoteString('a\r\nb')).toThrow();
  });

  it('refuses 8-bit text, which needs a literal', () => {
    expect(() => quoteString('pässword')).toThrow();
  });
});

describe('appendableFlags', () => {
  it('keeps system flags and keywords', () => {
    expect(appendableFlags(['\\Seen', '\\Flagged', '$Label1', 'Work'])).toEqual([
      '\\Seen',
      '\\Flagged',
      '$Label1',
      'Work',
    ]);
  });

  it('drops \\Recent in any case', () => {
    expect(appendableFlags(['\\Recent', '\\RECENT', '\\Seen'])).toEqual(['\\Seen']);
  });

  it('drops keywords that are not atoms', () => {
    expect(appendableFlags(['two words', 'a(b', 'x]', 'q"', 'Zürich', '', 'ok'])).toEqual(['ok']);
  });

  it('sends a flag once', () => {
    expect(appendableFlags(['\\Seen', '\\seen'])).toEqual(['\\Seen']);
  });

  it('formats the list', () => {
    expect(flagList(['\\Seen', 'Work'])).toBe('(\\Seen Work)');
    expect(flagList([])).toBe('()');
  });
});

describe('formatInternalDate', () => {
  it('writes dd-Mon-yyyy hh:mm:ss +0000 in UTC', () => {
    expect(formatInternalDate(new Date(Date.UTC(2012, 0, 5, 3, 4, 5)))).toBe(
      '"05-Jan-2012 03:04:05 +0000"',
    );
    expect(formatInternalDate(new Date('2024-12-31T23:59:59Z'))).toBe(
      '"31-Dec-2024 23:59:59 +0000"',
    );
  });
});
