// For integration specs only (the app's build leaves *-testbed.ts out): a job's event
// stream read over fetch, as a browser's EventSource would.

export interface SseMessage {
  event: string;
  id?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** A small SSE parser over fetch's body, enough for the events this service sends. */
export function readSse(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  const closed = new Promise<boolean>((resolve) => {
    const check = setInterval(() => done && (clearInterval(check), resolve(true)), 20);
  });
  async function next(): Promise<SseMessage | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) continue;
        const fields = Object.fromEntries(
          block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        );
        return {
          event: fields.event,
          id: fields.id ? Number(fields.id) : undefined,
          data: JSON.parse(fields.data),
        };
      }
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        return null;
      }
      buffer += chunk.value;
    }
  }
  return {
    closed,
    async cancel() {
      await reader.cancel();
      done = true;
    },
    async until(stop: (e: SseMessage) => boolean, timeoutMs = 10_000): Promise<SseMessage[]> {
      const seen: SseMessage[] = [];
      const timer = setTimeout(() => void reader.cancel(), timeoutMs);
      try {
        for (;;) {
          const message = await next();
          if (!message) throw new Error(`SSE closed after ${JSON.stringify(seen)}`);
          seen.push(message);
          if (stop(message)) break;
        }
        if (seen.at(-1)?.event === 'end') await next();
        return seen;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
