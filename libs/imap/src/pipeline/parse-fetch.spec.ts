import { parseFetchResponse } from './parse-fetch';

const bytes = (text: string) => Buffer.from(text);

describe('parseFetchResponse', () => {
  it('reads a Dovecot answer', () => {
    const headers = bytes('Message-ID: <a@b>\r\n\r\n');
    const source = bytes('Subject: hi\r\n\r\nbody\r\n');
    const row = parseFetchResponse(
      `12 FETCH (UID 5 FLAGS (\\Seen $Label1 \\*) INTERNALDATE "17-Jul-1996 02:44:25 -0700" ` +
        `RFC822.SIZE ${source.length} BODY[HEADER.FIELDS (MESSAGE-ID DATE FROM SUBJECT)] ` +
        `{${headers.length}} BODY[] {${source.length}})`,
      [headers, source],
    );
    expect(row).toEqual({
      seq: 12,
      uid: 5,
      flags: new Set(['\\Seen', '$Label1', '\\*']),
      internalDate: new Date('1996-07-17T09:44:25Z'),
      size: source.length,
      headers,
      source,
    });
  });

  it('reads Courier and Cyrus answers: other order, any case, a partial origin', () => {
    const source = bytes('From: a@b\r\n');
    const row = parseFetchResponse(
      `3 fetch (body[]<0> {${source.length}} rfc822.size 2048 Flags () uid 7 ` +
        `internaldate " 2-Jul-2024 23:05:00 +0130")`,
      [source],
    );
    expect(row).toEqual({
      seq: 3,
      uid: 7,
      size: 2048,
      flags: new Set(),
      internalDate: new Date('2024-07-02T21:35:00Z'),
      source,
    });
  });

  it('lines literals up across a Gmail label list that holds one', () => {
    const label = bytes('Work ');
    const source = bytes('Subject: x\r\n\r\n');
    const row = parseFetchResponse(
      `1 FETCH (X-GM-MSGID 1278455344230334865 X-GM-THRID 1278455344230334865 ` +
        `X-GM-LABELS ("\\\\Important" {5} Work) MODSEQ (12) UID 9 BODY[] {${source.length}})`,
      [label, source],
    );
    expect(row?.source).toBe(source);
    expect(row?.uid).toBe(9);
  });

  it('skips unknown items of every shape', () => {
    const text = bytes('body text');
    const row = parseFetchResponse(
      `4 FETCH (ENVELOPE ("date" "subj" (("A" NIL "a" "b.c")) NIL) ` +
        `BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "7BIT" 9 1) ` +
        `BODY[TEXT] {9} BODY[HEADER.FIELDS.NOT (DATE)] NIL BINARY[] ~{9} RFC822.HEADER "x" UID 2)`,
      [text, text],
    );
    expect(row).toEqual({ seq: 4, uid: 2 });
  });

  it('leaves a NIL section out and decodes a quoted one', () => {
    expect(parseFetchResponse('5 FETCH (UID 1 BODY[] NIL)', [])).toEqual({ seq: 5, uid: 1 });
    const row = parseFetchResponse('5 FETCH (BODY[HEADER.FIELDS (X)] "a \\"q\\" \\\\ é")', []);
    expect(row?.headers).toEqual(bytes('a "q" \\ é'));
  });

  it('leaves an unparsable date out', () => {
    const row = parseFetchResponse('6 FETCH (INTERNALDATE "31-Feb-2024 10:00:00 +0000" UID 3)', []);
    expect(row).toEqual({ seq: 6, uid: 3 });
  });

  it('answers undefined for other untagged responses', () => {
    expect(parseFetchResponse('3 EXISTS', [])).toBeUndefined();
    expect(parseFetchResponse('OK [UIDNEXT 4] Predicted next UID', [])).toBeUndefined();
    expect(parseFetchResponse('FETCH (UID 1)', [])).toBeUndefined();
  });

  it.each([
    ['1 FETCH (UID 5', [], /ends early/],
    ['1 FETCH (UID 5))', [], /text after the item list/],
    ['1 FETCH UID 5', [], /no item list/],
    ['1 FETCH (BODY[HEADER.FIELDS (DATE) NIL)', [], /unbalanced brackets/],
    ['1 FETCH (X "abc)', [], /unterminated quoted string/],
    ['1 FETCH (BODY[] {3} X {3})', [bytes('abc')], /more literal markers than literals/],
    ['1 FETCH (BODY[] {3})', [bytes('abcd')], /4 bytes announced as 3/],
    ['1 FETCH (UID 5)', [bytes('abc')], /fewer literal markers than literals/],
    ['1 FETCH (UID 99999999999999999)', [], /UID is not a number/],
    ['1 FETCH (UID 1e3)', [], /UID is not a number/],
    ['1 FETCH (RFC822.SIZE NIL)', [], /RFC822.SIZE is not a number/],
    ['1 FETCH (UID (5))', [], /UID is not a number/],
    ['1 FETCH (FLAGS \\Seen)', [], /FLAGS is not a list/],
    ['1 FETCH (BODY[] (x))', [], /BODY\[\] is not a string/],
    ['1 FETCH (UID )', [], /unexpected "\)"/],
    ['1 FETCH (BODY[]<x> NIL)', [], /no digits/],
  ])('refuses %s', (text, literals, message) => {
    expect(() => parseFetchResponse(text, literals)).toThrow(message);
  });

  it('refuses hostile lines quickly with a short message', () => {
    const hostile = [
      `1 FETCH (X ${'('.repeat(200_000)}`,
      `1 FETCH (X "${'a'.repeat(200_000)}`,
      `1 FETCH (X (${'a '.repeat(200_000)}))`,
      `1 FETCH (BODY[${'x'.repeat(200_000)}`,
      `1 FETCH (${'{'.repeat(200_000)}`,
    ];
    const started = Date.now();
    for (const text of hostile) {
      const error = captureError(() => parseFetchResponse(text, []));
      expect(error.message.length).toBeLessThan(150);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}
