import { compileCommand, type LiteralBytes } from './compile-command';

const wire = (segments: LiteralBytes[][]) =>
  segments.map((s) => Buffer.concat(s as Buffer[]).toString());

describe('compileCommand', () => {
  it('sends a LITERAL+ literal in the same segment', () => {
    const { segments, bytes } = compileCommand(
      ['APPEND "INBOX" ', { literal: Buffer.from('hello') }],
      'literal-plus',
    );
    expect(wire(segments)).toEqual(['APPEND "INBOX" {5+}\r\nhello\r\n']);
    expect(bytes).toBe(Buffer.byteLength('APPEND "INBOX" {5+}\r\nhello\r\n'));
  });

  it('splits at a synchronizing literal', () => {
    const { segments } = compileCommand(
      ['LOGIN "u" ', { literal: Buffer.from('pw\r\n') }],
      'synchronizing',
    );
    expect(wire(segments)).toEqual(['LOGIN "u" {4}\r\n', 'pw\r\n\r\n']);
  });

  it('uses LITERAL- only up to 4096 bytes', () => {
    const small = compileCommand(['A ', { literal: Buffer.alloc(4096) }], 'literal-minus');
    const big = compileCommand(['A ', { literal: Buffer.alloc(4097) }], 'literal-minus');
    expect(small.segments).toHaveLength(1);
    expect(big.segments).toHaveLength(2);
    expect(big.segments[0][0].toString()).toBe('A {4097}\r\n');
  });
});
