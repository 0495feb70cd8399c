import { messageIdentity, normalizeMessageId } from './message-identity';
import { parseIdentityHeaders } from './identity-headers';

describe('messageIdentity', () => {
  it('uses the normalized Message-ID when there is one', () => {
    const a = messageIdentity({ messageId: ' <Abc.1@Example.COM> ', size: 10 });
    const b = messageIdentity({ messageId: '<Abc.1@example.com>', subject: 'other', size: 99 });
    expect(a).toBe('mid:<Abc.1@example.com>');
    expect(b).toBe(a);
  });

  it('keeps the case of the local part', () => {
    expect(normalizeMessageId('<ABC@x>')).not.toBe(normalizeMessageId('<abc@x>'));
  });

  it('digests Date, From, Subject and size without a Message-ID', () => {
    const fields = {
      date: 'Mon, 1 Jan 2024 10:00:00 +0000',
      from: 'a@b',
      subject: 'Hi',
      size: 120,
    };
    const id = messageIdentity(fields);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(messageIdentity({ ...fields, subject: 'Hi  ' })).toBe(id);
    expect(messageIdentity({ ...fields, size: 121 })).not.toBe(id);
    expect(messageIdentity({ ...fields, from: 'c@d' })).not.toBe(id);
  });

  it('keeps the key of a letter without Message-ID whose 8-bit header bytes a server rewrote', () => {
    const [original, munged] = ['Caf\u00c3\u00a9 \u0000', 'CafXX X'].map((subject) =>
      messageIdentity({ date: 'Mon, 1 Jan 2024 10:00:00 +0000', subject, size: 99 }),
    );
    expect(munged).toBe(original);
    expect(messageIdentity({ subject: 'Cafe', size: 99 })).not.toBe(
      messageIdentity({ subject: 'CafX', size: 99 }),
    );
  });

  it('treats an empty Message-ID as missing', () => {
    expect(messageIdentity({ messageId: '  ', size: 1 })).toMatch(/^sha256:/);
  });
});

describe('parseIdentityHeaders', () => {
  it('unfolds continuation lines and matches names case-insensitively', () => {
    const block = 'Message-ID:\r\n <x@y>\r\nSUBJECT: a\r\n  b\r\nFrom: f@g\r\n\r\n';
    expect(parseIdentityHeaders(Buffer.from(block))).toEqual({
      messageId: '<x@y>',
      subject: 'a  b',
      from: 'f@g',
      date: undefined,
    });
  });
});
