import { connect, createServer, type Server } from 'node:net';
import { freePort } from '../process/free-port';
import { LOOPBACK } from './reachable-host';
import { ReplicaBalancer } from './replica-balancer';

/** A replica that answers what it is sent with its name, and closes the connection. */
async function replica(name: string): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.once('data', (d) => socket.end(`${name}:${d}`)));
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { port: address.port, server };
}

/** What one connection through the balancer reads back, having sent "hi" at once. */
function answer(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, LOOPBACK);
    socket.write('hi');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('ReplicaBalancer', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  async function balance(ports: () => number[]): Promise<ReplicaBalancer> {
    const balancer = await ReplicaBalancer.start(LOOPBACK, 0, ports);
    closers.push(() => balancer.stop());
    return balancer;
  }

  async function replicas(...names: string[]) {
    const started = await Promise.all(names.map(replica));
    for (const { server } of started) {
      closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    }
    return started.map((r) => r.port);
  }

  it('sends each connection to the next replica in turn', async () => {
    const ports = await replicas('a', 'b');
    const balancer = await balance(() => ports);

    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await answer(balancer.port));

    expect(answers).toEqual(['a:hi', 'b:hi', 'a:hi', 'b:hi']);
  });

  it('passes over a replica that refuses the connection', async () => {
    const [alive] = await replicas('alive');
    const dead = await freePort([alive]);
    const balancer = await balance(() => [dead, alive]);

    expect([await answer(balancer.port), await answer(balancer.port)]).toEqual([
      'alive:hi',
      'alive:hi',
    ]);
  });

  it('closes the connection when no replica takes it', async () => {
    const balancer = await balance(() => []);

    expect(await answer(balancer.port)).toBe('');
  });
});
