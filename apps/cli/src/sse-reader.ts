/**
 * A Server-Sent Events parser, following the WHATWG HTML "event stream interpretation"
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * Node's fetch gives us the body as bytes; EventSource does not exist in Node 20.
 */

export interface SseEvent {
  /** The `event:` field, or "message" when the server sent none. */
  event: string;
  /** All `data:` lines of the event, joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream so far, to send back as Last-Event-ID. */
  lastEventId: string;
  /** A reconnection delay the server asked for with `retry:`, in milliseconds. */
  retry?: number;
}

/** Feed it text as it arrives; it returns the events that each chunk completed. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private eventType = '';
  private lastEventId = '';
  private retry: number | undefined;
  private firstChunk = true;
  /** A chunk ended in CR: if the next starts with LF, that LF belongs to the same line end. */
  private pendingCr = false;

  feed(chunk: string): SseEvent[] {
    if (this.firstChunk && chunk.length > 0) {
      this.firstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // one leading BOM is ignored
    }
    if (this.pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.pendingCr = false;

    this.buffer += chunk;
    const events: SseEvent[] = [];
    // Lines end in CRLF, LF or CR; the last piece is an incomplete line kept for later.
    const lines = this.buffer.split(/\r\n|\n|\r/);
    this.buffer = lines.pop() ?? '';
    if (this.buffer === '' && chunk.endsWith('\r')) this.pendingCr = true;

    for (const line of lines) {
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** End of stream: the spec discards an event that was not terminated by a blank line. */
  end(): void {
    this.buffer = '';
    this.data = [];
    this.eventType = '';
    this.pendingCr = false;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined; // a comment, often a keep-alive

    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const data = this.data;
    const eventType = this.eventType;
    this.data = [];
    this.eventType = '';
    if (data.length === 0) return undefined;
    const event: SseEvent = {
      event: eventType || 'message',
      data: data.join('\n'),
      lastEventId: this.lastEventId,
    };
    if (this.retry !== undefined) event.retry = this.retry;
    return event;
  }
}

/** Yields the events of a byte stream (a fetch Response body) as they complete. */
export async function* readSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  for await (const bytes of body) {
    yield* parser.feed(decoder.decode(bytes, { stream: true }));
  }
  yield* parser.feed(decoder.decode());
  parser.end();
}
