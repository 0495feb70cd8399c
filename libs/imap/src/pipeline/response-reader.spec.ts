import { MAX_LINE_BYTES, MAX_LITERAL_BYTES } from '../connection/connect-options';
import type { RawResponse } from './response-reader';
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

  it('keeps an empty literal in its place (a partial FETCH past the end of a message)', () => {
    const reader = new ResponseReader();
    const [response] = reader.push(Buffer.from('* 3 FETCH (UID 3 BODY[]<4096> {0}\r\n)\r\n'));
    expect(response.text).toBe('* 3 FETCH (UID 3 BODY[]<4096> {0})');
    expect(response.literals).toEqual([Buffer.alloc(0)]);
  });

  it('reassembles a large literal delivered in small chunks', () => {
    const literal = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < literal.length; i++) literal[i] = i % 251;
    const stream = Buffer.concat([
      Buffer.from(`* 1 FETCH (BODY[] {${literal.length}}\r\n`),
      literal,
      Buffer.from(')\r\n'),
    ]);
    const responses = pushInChunks(new ResponseReader(), stream, 64 * 1024 - 1);
    expect(responses).toHaveLength(1);
    expect(responses[0].literals[0].equals(literal)).toBe(true);
  });

  it('reads the same responses whatever the chunking', () => {
    const head = '* 1 FETCH (UID 5 BODY[HEADER.FIELDS (MESSAGE-ID)] {5}\r\n';
    const stream = Buffer.from(
      `${head}hello BODY[]<0> {3}\r\nabc)\r\n* 2 EXISTS\r\nA1 OK done\r\n`,
    );
    const whole = new ResponseReader().push(stream);
    expect(whole.map((r) => r.text)).toEqual([
      '* 1 FETCH (UID 5 BODY[HEADER.FIELDS (MESSAGE-ID)] {5} BODY[]<0> {3})',
      '* 2 EXISTS',
      'A1 OK done',
    ]);
    // 1 byte splits every CRLF; head.length ends a chunk where the literal starts, + 5 where it ends.
    for (const size of [1, 2, 3, 7, head.length, head.length + 5]) {
      expect(pushInChunks(new ResponseReader(), stream, size)).toEqual(whole);
    }
  });

  it('refuses a line that never ends', () => {
    const reader = new ResponseReader();
    const push = () => reader.push(Buffer.alloc(MAX_LINE_BYTES + 1, 'x'));
    expect(push).toThrow(expect.objectContaining(oversized));
    expect(push).toThrow(/a line over 8388608 bytes/);
  });

  it('refuses a line that grows past the limit chunk by chunk', () => {
    const reader = new ResponseReader();
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < MAX_LINE_BYTES / chunk.length; i++) reader.push(chunk);
    expect(() => reader.push(Buffer.from('y'))).toThrow(/a line over 8388608 bytes/);
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

function pushInChunks(reader: ResponseReader, stream: Buffer, size: number): RawResponse[] {
  const responses: RawResponse[] = [];
  for (let at = 0; at < stream.length; at += size) {
    responses.push(...reader.push(stream.subarray(at, at + size)));
  }
  return responses;
}
