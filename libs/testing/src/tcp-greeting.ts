import { connect } from 'node:net';

/** One probe's budget; the overall deadline is the caller's. */
const PROBE_TIMEOUT_MS = 1_000;

/** True once a TCP server on host:port sends data starting with `prefix`. */
export function receivesGreeting(host: string, port: number, prefix: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.length >= prefix.length) finish(received.startsWith(prefix));
    });
  });
}
