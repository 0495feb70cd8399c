import { connect, createServer, type Server } from 'node:net';
import { startDovecot, type DovecotServer } from '../dovecot-server';
import { withImapSession } from '../imap-session';
import { startDelayProxy, type DelayProxy } from './delay-proxy';

const DELAY_MS = 20;

/** Sends `payload` through host:port and resolves with what comes back once `expected` bytes did. */
function roundTrip(port: number, payload: Buffer[], expected: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let length = 0;
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      received.push(chunk);
      length += chunk.length;
      if (length >= expected) {
        socket.destroy();
        resolve(Buffer.concat(received));
      }
    });
    socket.on('connect', () => payload.forEach((chunk) => socket.write(chunk)));
  });
}

describe('startDelayProxy', () => {
  let echo: Server;
  let proxy: DelayProxy;

  beforeAll(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const address = echo.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    proxy = await startDelayProxy({ target: { host: '127.0.0.1', port }, delayMs: DELAY_MS });
  });
  afterAll(async () => {
    await proxy?.stop();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it('adds the delay in each direction', async () => {
    const started = performance.now();
    await roundTrip(proxy.port, [Buffer.from('ping')], 4);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * DELAY_MS);
  });

  it('keeps bytes in order and adds the delay once, not per chunk', async () => {
    const chunks = Array.from({ length: 200 }, (_, i) => Buffer.alloc(1000, i % 251));
    const started = performance.now();
    const back = await roundTrip(proxy.port, chunks, 200 * 1000);
    const elapsed = performance.now() - started;
    expect(back.equals(Buffer.concat(chunks))).toBe(true);
    // 200 chunks each delayed in turn would take seconds; pipelined they take one round trip.
    expect(elapsed).toBeLessThan(20 * DELAY_MS);
  });
});

describe('startDelayProxy in front of Dovecot', () => {
  const user = { username: 'proxy@test.local', password: 'proxy-pw' };
  let dovecot: DovecotServer;
  let proxy: DelayProxy;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [user] });
    proxy = await startDelayProxy({ target: dovecot, delayMs: DELAY_MS });
  });
  afterAll(async () => {
    await proxy?.stop();
    await dovecot?.stop();
  });

  it('carries an IMAP login', async () => {
    const through = { ...dovecot, host: proxy.host, port: proxy.port };
    const started = performance.now();
    const folders = await withImapSession(through, user, async (client) => client.list());
    expect(folders.map((f) => f.path)).toContain('INBOX');
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * DELAY_MS);
  });
});
