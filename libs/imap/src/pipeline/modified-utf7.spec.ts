import { encodeModifiedUtf7 } from './modified-utf7';

describe('encodeModifiedUtf7', () => {
  it.each([
    ['INBOX', 'INBOX'],
    ['Family/Photos 2019', 'Family/Photos 2019'],
    // The examples of RFC 3501 section 5.1.3.
    ['~peter/mail/台北/日本語', '~peter/mail/&U,BTFw-/&ZeVnLIqe-'],
    ['Tom & Jerry', 'Tom &- Jerry'],
    ['Reçus', 'Re&AOc-us'],
    ['Привет', '&BB8EQAQ4BDIENQRC-'],
    // A character outside the BMP travels as its UTF-16 surrogate pair.
    ['Mail 📧', 'Mail &2D3c5w-'],
  ])('%s -> %s', (name, encoded) => {
    expect(encodeModifiedUtf7(name)).toBe(encoded);
  });

  it('encodes control characters rather than sending them raw', () => {
    expect(encodeModifiedUtf7('a\tb')).toBe('a&AAk-b');
  });
});
