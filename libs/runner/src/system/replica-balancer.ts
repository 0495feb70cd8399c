import { connect, createServer, type Server, type Socket } from 'node:net';
import { LOOPBACK } from './reachable-host';

/**
 * A TCP front for the replicas of one service, as a Kubernetes Service is for its pods: each
 * connection goes to the next replica in turn, and on to the one after when a replica refuses
 * it (killed, or not listening yet). A connection already forwarded ends with its replica.
 */
export class ReplicaBalancer {
  private turn = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** The ports of the replicas running now. */
    private readonly replicas: () => number[],
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  /** Listens on `port` of `host` (0: a port the system picks). */
  static async start(
    host: string,
    port: number,
    replicas: () => number[],
  ): Promise<ReplicaBalancer> {
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return new ReplicaBalancer(server, replicas);
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('Balancer not listening');
    return address.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const ports = this.replicas();
    const first = this.turn++ % Math.max(ports.length, 1);
    this.track(client);
    client.on('error', () => client.destroy());
    this.forward(client, [...ports.slice(first), ...ports.slice(0, first)]);
  }

  private forward(client: Socket, candidates: number[]): void {
    const [port, ...others] = candidates;
    if (port === undefined || client.destroyed) {
      client.destroy();
      return;
    }
    const upstream = connect(port, LOOPBACK);
    this.track(upstream);
    const refused = () => this.forward(client, others);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      upstream.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
