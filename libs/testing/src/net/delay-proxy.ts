import { connect, createServer, type Socket } from 'node:net';

export interface DelayProxyOptions {
  target: { host: string; port: number };
  /** Added to each direction: 20 makes a 40 ms round trip. */
  delayMs: number;
}

export interface DelayProxy {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Bytes held in one direction's delay line (plus the socket's own write buffer) before the
 * sender is paused: a fast sender cannot make the proxy buffer a whole mailbox.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * A loopback TCP proxy that adds `delayMs` to each direction, like a distant server. Each chunk
 * is released at its arrival time + delayMs, in arrival order, so latency is added once per
 * direction, not once per chunk, and bandwidth stays that of loopback.
 */
export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const connections = new Set<Socket>();
  const lines = new Set<DelayLine>();
  const server = createServer((client) => {
    const upstream = connect(options.target);
    const pair = [client, upstream];
    for (const socket of pair) {
      // A wire forwards each byte as it comes; Nagle here would hold a literal's tail.
      socket.setNoDelay(true);
      connections.add(socket);
      socket.on('error', () => pair.forEach((s) => s.destroy()));
      socket.on('close', () => {
        connections.delete(socket);
        pair.forEach((s) => s.destroy());
      });
    }
    const forward = new DelayLine(client, upstream, options.delayMs);
    const backward = new DelayLine(upstream, client, options.delayMs);
    for (const line of [forward, backward]) {
      lines.add(line);
      client.on('close', () => {
        line.stop();
        lines.delete(line);
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('delay proxy has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const line of lines) line.stop();
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One direction: chunks wait in a FIFO until their release time, then go out in order. */
class DelayLine {
  private readonly queue: { due: number; chunk: Buffer | null }[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly delayMs: number,
  ) {
    from.on('data', (chunk: Buffer) => this.enqueue(chunk));
    // A half-close travels with the same delay, after the data before it.
    from.on('end', () => this.enqueue(null));
    to.on('drain', () => this.resumeIfRoom());
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private enqueue(chunk: Buffer | null): void {
    this.queue.push({ due: performance.now() + this.delayMs, chunk });
    this.queuedBytes += chunk?.length ?? 0;
    if (this.queuedBytes + this.to.writableLength > MAX_BUFFERED_BYTES) this.from.pause();
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0].due - performance.now());
    this.timer = setTimeout(() => this.release(), wait);
  }

  private release(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0].due <= now) {
      const { chunk } = this.queue.shift()!;
      if (chunk === null) {
        this.to.end();
        continue;
      }
      this.queuedBytes -= chunk.length;
      if (!this.to.destroyed) this.to.write(chunk);
    }
    this.resumeIfRoom();
    this.arm();
  }

  private resumeIfRoom(): void {
    if (this.queuedBytes + this.to.writableLength <= MAX_BUFFERED_BYTES) this.from.resume();
  }
}
