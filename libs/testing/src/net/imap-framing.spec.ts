import { commandHead, ImapFraming } from './imap-framing';

const lines = (framing: ImapFraming, ...chunks: string[]) =>
  chunks.flatMap((chunk) =>
    framing
      .feed(Buffer.from(chunk, 'latin1'))
      .filter((piece) => piece.line)
      .map((piece) => ({
        text: piece.line?.text.toString('latin1'),
        literal: piece.line?.literal,
      })),
  );

describe('ImapFraming', () => {
  it('tells a line that announces a literal from one that ends a command', () => {
    const framing = new ImapFraming();
    expect(lines(framing, 'A1 APPEND INBOX {5+}\r\nhe', 'llo\r\n')).toEqual([
      { text: 'A1 APPEND INBOX {5+}\r\n', literal: { size: 5, synchronizing: false } },
      { text: '\r\n', literal: undefined },
    ]);
    expect(framing.atBoundary).toBe(true);
  });

  it('passes a literal through untouched, even when it holds CRLF and braces', () => {
    const framing = new ImapFraming();
    const pieces = framing.feed(Buffer.from('* 1 FETCH (BODY[] {8}\r\na\r\n{2}\r\n)\r\n'));
    const texts = pieces.map((p) => p.bytes.toString());
    expect(texts.join('')).toBe('* 1 FETCH (BODY[] {8}\r\na\r\n{2}\r\n)\r\n');
    expect(pieces.filter((p) => p.line && !p.line.literal)).toHaveLength(1);
  });

  it('is inside a command while a line or literal is incomplete', () => {
    const framing = new ImapFraming();
    framing.feed(Buffer.from('A2 NOOP'));
    expect(framing.atBoundary).toBe(false);
    framing.feed(Buffer.from('\r\nA3 APPEND X {3}\r\n'));
    expect(framing.atBoundary).toBe(false);
  });

  it('reads tag and verb', () => {
    expect(commandHead(Buffer.from('a7 uid fetch 1:* (FLAGS)\r\n'))).toEqual({
      tag: 'a7',
      verb: 'UID',
    });
  });
});
