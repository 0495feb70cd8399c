import { readMailboxId } from './select-reply';

describe('readMailboxId', () => {
  it('reads the MAILBOXID response code of an EXAMINE (RFC 8474)', () => {
    const untagged = [
      '0 EXISTS',
      'OK [UIDNEXT 1] Ok',
      'OK [MAILBOXID (41jaotav75xy9wtitfsw7duv)] Ok',
    ];
    expect(readMailboxId(untagged)).toBe('41jaotav75xy9wtitfsw7duv');
  });

  it('takes no id from a server without OBJECTID, nor one that is not an object id', () => {
    expect(readMailboxId(['0 EXISTS', 'OK [UIDNEXT 1] Ok'])).toBeUndefined();
    expect(readMailboxId(['OK [MAILBOXID (\u00a8\u00c56*V)] Ok'])).toBeUndefined();
    expect(readMailboxId([`OK [MAILBOXID (${'a'.repeat(256)})] Ok`])).toBeUndefined();
  });
});
