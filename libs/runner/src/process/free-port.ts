import { createServer } from 'node:net';

/**
 * Asks the kernel for an unused TCP port on the loopback interface, other than `taken`
 * (ports already handed out but not bound yet, which the kernel may offer again).
 */
export async function freePort(taken: Iterable<number> = []): Promise<number> {
  const avoid = new Set(taken);
  for (;;) {
    const port = await unusedPort();
    if (!avoid.has(port)) return port;
  }
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
