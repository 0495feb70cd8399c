import { SseEvent, SseParser, readSse } from './sse-reader';

function parseAll(...chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.feed(chunk));
}

async function* bytes(...chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
}

describe('SseParser', () => {
  it('reads a named event with JSON data', () => {
    expect(parseAll('event: status\ndata: {"id":1}\n\n')).toEqual([
      { event: 'status', data: '{"id":1}', lastEventId: '' },
    ]);
  });

  it('calls an event without a name "message"', () => {
    expect(parseAll('data: hi\n\n')[0].event).toBe('message');
  });

  it('joins multi-line data with newlines', () => {
    expect(parseAll('data: first\ndata: second\ndata:third\n\n')[0].data).toBe(
      'first\nsecond\nthird',
    );
  });

  it('strips exactly one space after the colon', () => {
    expect(parseAll('data:  two spaces\n\n')[0].data).toBe(' two spaces');
  });

  it('ignores comments and unknown fields', () => {
    expect(parseAll(': keep-alive\n\n:ping\nfoo: bar\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', lastEventId: '' },
    ]);
  });

  it('dispatches nothing for a block without data', () => {
    expect(parseAll('event: status\n\n')).toEqual([]);
    expect(parseAll('event: status\n\ndata: y\n\n')[0].event).toBe('message');
  });

  it('assembles events split across chunks at any byte', () => {
    const stream = 'event: progress\ndata: {"a":1}\n\nevent: end\ndata: {"b":2}\n\n';
    for (let cut = 1; cut < stream.length; cut++) {
      const events = parseAll(stream.slice(0, cut), stream.slice(cut));
      expect(events.map((e) => [e.event, e.data])).toEqual([
        ['progress', '{"a":1}'],
        ['end', '{"b":2}'],
      ]);
    }
  });

  it('holds back an event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.feed('data: partial\n')).toEqual([]);
    expect(parser.feed('\n')).toHaveLength(1);
  });

  it('accepts CRLF and CR line ends, even with CRLF split over two chunks', () => {
    expect(parseAll('data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r\n').map((e) => e.data)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('remembers the last event id and a retry delay', () => {
    const events = parseAll('id: 7\nretry: 2500\ndata: a\n\ndata: b\n\n');
    expect(events[0]).toMatchObject({ lastEventId: '7', retry: 2500 });
    expect(events[1]).toMatchObject({ lastEventId: '7', retry: 2500 });
  });

  it('ignores a retry that is not a number', () => {
    expect(parseAll('retry: soon\ndata: a\n\n')[0].retry).toBeUndefined();
  });

  it('drops a leading byte order mark', () => {
    expect(parseAll('\ufeffevent: end\ndata: z\n\n')[0].event).toBe('end');
  });
});

describe('readSse', () => {
  it('decodes UTF-8 characters split between chunks', async () => {
    const encoded = new TextEncoder().encode('data: é✓\n\n');
    const events: SseEvent[] = [];
    for await (const e of readSse(bytes(encoded.slice(0, 7), encoded.slice(7)))) events.push(e);
    expect(events.map((e) => e.data)).toEqual(['é✓']);
  });

  it('discards an event left unterminated at the end of the stream', async () => {
    const events: SseEvent[] = [];
    for await (const e of readSse(bytes('data: done\n\n', 'data: cut off'))) events.push(e);
    expect(events.map((e) => e.data)).toEqual(['done']);
  });
});
