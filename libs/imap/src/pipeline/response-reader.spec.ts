import { MAX_LINE_BYTES, MAX_LITERAL_BYTES } from '../connection/connect-options';
import { ResponseReader } from './response-reader';

const oversized = { name: 'ImapError', kind: 'protocol', permanent: true };

describe('ResponseReader', () => {
  it('reads a response whose literal arrives in pieces', () => {
    const reader = new ResponseReader();
    expect(reader.push(Buffer.from('* 1 FETCH (BODY[] {5}\r\nhel'))).toEqual([]);
    const [response] = reader.push(Buffer.from('lo)\r\n'));
    expect(response.text).toBe('* 1 FETCH (BODY[] {5})');
    expect(response.literals.map(String)).toEqual(['hello']);
  });

  it('refuses a line that never ends', () => {
    const reader = new ResponseReader();
    const push = () => reader.push(Buffer.alloc(MAX_LINE_BYTES + 1, 'x'));
    expect(push).toThrow(expect.objectContaining(oversized));
    expect(push).toThrow(/a line over 8388608 bytes/);
  });

  it('refuses a literal over the limit before reading it', () => {
    const marker = `* 1 FETCH (BODY[] {${MAX_LITERAL_BYTES + 1}}\r\n`;
    expect(() => new ResponseReader().push(Buffer.from(marker))).toThrow(
      expect.objectContaining(oversized),
    );
  });

  it('refuses literals that add up past the response limit', () => {
    const reader = new ResponseReader();
    const literal = Buffer.alloc(MAX_LITERAL_BYTES, 'x');
    const part = (n: number) => Buffer.from(` X${n} {${MAX_LITERAL_BYTES}}\r\n`);
    reader.push(Buffer.concat([Buffer.from('* 1 FETCH (X0'), part(1), literal]));
    expect(() => reader.push(part(2))).toThrow(/a response over \d+ bytes/);
  });
});
