import { headerText } from './header-text';

const latin1 = (utf8: string) => Buffer.from(utf8, 'utf8').toString('latin1');

describe('headerText', () => {
  it('decodes encoded words, joining adjacent ones', () => {
    expect(headerText('=?UTF-8?B?Q2Fmw6k=?= =?ISO-8859-1?Q?_cr=E8me?=', 100)).toBe('Café crème');
  });

  it('reads raw 8-bit bytes as UTF-8 and collapses folding whitespace', () => {
    expect(headerText(latin1('Réunion à\r\n 10h'), 100)).toBe('Réunion à 10h');
  });

  it('reads raw 8-bit bytes that are not UTF-8 as Latin-1', () => {
    expect(headerText('caf\xe9', 100)).toBe('café');
  });

  it('keeps an encoded word it cannot decode as it is, and cuts long values', () => {
    expect(headerText('=?x-unknown?B?AAAA?= tail', 100)).toBe('=?x-unknown?B?AAAA?= tail');
    expect(headerText('a'.repeat(300), 200)).toHaveLength(200);
    expect(headerText(undefined, 10)).toBeUndefined();
  });
});
