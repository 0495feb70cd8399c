import { appendLimitOf, appendUid, parseResponse, readCapabilities } from './parse-response';

const parse = (text: string) => parseResponse({ text, literals: [] });

describe('parseResponse', () => {
  it('reads a tagged reply with a response code', () => {
    expect(parse('A7 ok [APPENDUID 38505 3955] APPEND completed')).toEqual({
      kind: 'tagged',
      tag: 'A7',
      status: 'OK',
      code: { name: 'APPENDUID', args: '38505 3955' },
      text: 'APPEND completed',
    });
  });

  it('reads a continuation with and without text', () => {
    expect(parse('+ Ready')).toEqual({ kind: 'continuation', text: 'Ready' });
    expect(parse('+')).toEqual({ kind: 'continuation', text: '' });
  });

  it('reads the APPENDUID uid, not a uid set', () => {
    expect(appendUid({ name: 'APPENDUID', args: '38505 3955' })).toBe(3955);
    expect(appendUid({ name: 'APPENDUID', args: '38505 3955:3957' })).toBeUndefined();
    expect(appendUid({ name: 'READ-WRITE', args: '' })).toBeUndefined();
    expect(appendUid(undefined)).toBeUndefined();
  });

  it('reads capabilities from a CAPABILITY line and a greeting code', () => {
    expect(readCapabilities('CAPABILITY IMAP4rev1 LITERAL+')).toEqual(
      new Set(['IMAP4REV1', 'LITERAL+']),
    );
    expect(readCapabilities('OK [CAPABILITY IMAP4rev1 SASL-IR] ready')).toEqual(
      new Set(['IMAP4REV1', 'SASL-IR']),
    );
    expect(readCapabilities('3 EXISTS')).toBeUndefined();
  });

  it('reads the largest message a server takes from APPENDLIMIT=n, and nothing from a bare APPENDLIMIT', () => {
    expect(appendLimitOf(readCapabilities('CAPABILITY IMAP4rev1 APPENDLIMIT=35882577')!)).toBe(
      35882577,
    );
    // Without a value the limit is per folder (STATUS), or none: nothing to hold a copy to.
    expect(appendLimitOf(new Set(['IMAP4REV1', 'APPENDLIMIT']))).toBeUndefined();
    expect(appendLimitOf(new Set(['APPENDLIMIT=0']))).toBeUndefined();
  });
});
