import { connect, createServer, type Socket } from 'node:net';
import { commandHead, ImapFraming, type FramedPiece } from './imap-framing';

export type Direction = 'toServer' | 'toClient';

/**
 * What happens to one connection: `cut` closes both sides once `afterBytes` went through in
 * `direction` (inside a FETCH or APPEND literal when the count lands there), `reset` does the
 * same with a TCP RST, `stall` stops forwarding and keeps both sockets open, and
 * `cutBetweenCommands` closes the connection just before the client's command number
 * `afterCommands` (from 0) reaches the server.
 */
export type ConnectionFault =
  | {
      kind: 'cut' | 'reset' | 'stall';
      direction: Direction;
      afterBytes: number;
      /** Asked when the offset is reached; false lets this connection go through untouched. */
      shouldTrip?: () => boolean;
    }
  | { kind: 'cutBetweenCommands'; afterCommands: number };

type ByteFault = Extract<ConnectionFault, { afterBytes: number }>;

/** The fault for the connection numbered `connection` (from 0, in accept order), if any. */
export type FaultPlan = (connection: number) => ConnectionFault | undefined;

export interface ProxiedCommand {
  connection: number;
  tag: string;
  verb: string;
  /** How many commands with this verb came before, over every connection of the proxy. */
  index: number;
  /** The whole command, literals included. */
  bytes: Buffer;
}

/**
 * Answers a command in the server's place: the reply after the tag (`NO [OVERQUOTA] Quota`),
 * or undefined to forward the command. Commands with synchronizing literals (`{N}`) are always
 * forwarded: the client waits for the server's `+` before it sends the rest.
 */
export type CommandAnswer = (command: ProxiedCommand) => string | undefined;

export interface FaultProxyOptions {
  target: { host: string; port: number };
  faults?: FaultPlan;
  answer?: CommandAnswer;
}

export interface FaultProxy {
  host: string;
  port: number;
  /** One line per fault applied and command answered: what to look at when a run fails. */
  readonly events: readonly string[];
  /** Connections accepted so far. */
  readonly connections: number;
  /** Replaces the plan for connections accepted from now on. */
  setFaults(plan: FaultPlan | undefined): void;
  setAnswer(answer: CommandAnswer | undefined): void;
  stop(): Promise<void>;
}

/** What every connection of one proxy shares. */
interface ProxyState {
  events: string[];
  verbCounts: Map<string, number>;
  answer?: CommandAnswer;
}

/**
 * A loopback TCP proxy that breaks IMAP connections on purpose, the way networks and servers
 * do: cuts and resets at a byte offset, stalls, cuts between commands, and server replies
 * it makes up (quota, size, throttling) without the server seeing the command.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const state: ProxyState = { events: [], verbCounts: new Map(), answer: options.answer };
  let plan = options.faults;
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const index = accepted++;
    const upstream = connect(options.target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    new ProxiedConnection(index, client, upstream, plan?.(index), state);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    events: state.events,
    get connections() {
      return accepted;
    },
    setFaults: (next) => (plan = next),
    setAnswer: (next) => (state.answer = next),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One client connection and its upstream twin, with the fault it was dealt. */
class ProxiedConnection {
  private readonly sent: Record<Direction, number> = { toServer: 0, toClient: 0 };
  private readonly clientFraming = new ImapFraming();
  private readonly serverFraming = new ImapFraming();
  private commandsSeen = 0;
  private commandStarted = false;
  /** The current command, kept back until it is whole so it can be answered instead. */
  private held: Buffer[] | undefined;
  private readonly injections: Buffer[] = [];
  /** After a fault, nothing more goes through in either direction. */
  private tripped = false;

  constructor(
    private readonly index: number,
    private readonly client: Socket,
    private readonly upstream: Socket,
    private fault: ConnectionFault | undefined,
    private readonly state: ProxyState,
  ) {
    const pair = [client, upstream];
    for (const socket of pair) {
      socket.on('error', () => pair.forEach((s) => s.destroy()));
      // destroySoon: what was written to the survivor still goes out, then it closes.
      socket.on('close', () => pair.forEach((s) => s.destroySoon()));
    }
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    upstream.on('data', (chunk: Buffer) => this.fromServer(chunk));
  }

  private fromClient(chunk: Buffer): void {
    for (const piece of this.clientFraming.feed(chunk)) {
      if (this.tripped) return;
      if (!this.commandStarted && !this.startCommand()) return;
      this.takeClientPiece(piece);
    }
  }

  /** False when the fault closes the connection before this command. */
  private startCommand(): boolean {
    const fault = this.fault;
    if (fault?.kind === 'cutBetweenCommands' && this.commandsSeen >= fault.afterCommands) {
      this.log(`cut before command ${this.commandsSeen}`);
      this.destroyBoth();
      return false;
    }
    this.commandStarted = true;
    this.held = this.state.answer ? [] : undefined;
    return true;
  }

  private takeClientPiece(piece: FramedPiece): void {
    if (this.held) this.held.push(piece.bytes);
    else this.forward('toServer', piece.bytes);
    // The client waits for `+` before the literal: the server must see the command now.
    if (this.held && piece.line?.literal?.synchronizing) this.release();
    if (piece.line && !piece.line.literal) this.endCommand();
  }

  private endCommand(): void {
    this.commandStarted = false;
    this.commandsSeen++;
    if (!this.held) return;
    const bytes = Buffer.concat(this.held);
    this.held = undefined;
    const { tag, verb } = commandHead(bytes);
    const index = this.state.verbCounts.get(verb) ?? 0;
    this.state.verbCounts.set(verb, index + 1);
    const reply = this.state.answer?.({ connection: this.index, tag, verb, index, bytes });
    if (reply === undefined) return this.forward('toServer', bytes);
    this.log(`answered ${verb} #${index} with "${reply}"`);
    this.inject(Buffer.from(`${tag} ${reply}\r\n`));
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const bytes of held) this.forward('toServer', bytes);
  }

  private fromServer(chunk: Buffer): void {
    for (const piece of this.serverFraming.feed(chunk)) {
      if (this.tripped) return;
      this.forward('toClient', piece.bytes);
      if (piece.line && !piece.line.literal) this.flushInjections();
    }
  }

  /** A made-up reply goes out between two server responses, never inside one. */
  private inject(reply: Buffer): void {
    this.injections.push(reply);
    if (this.serverFraming.atBoundary) this.flushInjections();
  }

  private flushInjections(): void {
    for (const reply of this.injections.splice(0)) this.client.write(reply);
  }

  private forward(direction: Direction, bytes: Buffer): void {
    const to = direction === 'toServer' ? this.upstream : this.client;
    const fault = this.faultCrossedBy(direction, bytes.length);
    if (fault) {
      to.write(bytes.subarray(0, Math.max(0, fault.afterBytes - this.sent[direction])));
      this.sent[direction] = fault.afterBytes;
      return this.trip(fault);
    }
    this.sent[direction] += bytes.length;
    to.write(bytes);
  }

  /** The byte-offset fault that `length` more bytes in `direction` reach, if it trips now. */
  private faultCrossedBy(direction: Direction, length: number): ByteFault | undefined {
    const fault = this.fault;
    if (!fault || fault.kind === 'cutBetweenCommands' || fault.direction !== direction) return;
    if (this.sent[direction] + length <= fault.afterBytes) return;
    if (fault.shouldTrip?.() === false) {
      this.fault = undefined;
      return;
    }
    return fault;
  }

  private trip(fault: ByteFault): void {
    this.log(`${fault.kind} ${fault.direction} after ${fault.afterBytes} bytes`);
    this.tripped = true;
    if (fault.kind === 'stall') return;
    if (fault.kind === 'reset') {
      for (const socket of [this.client, this.upstream]) socket.resetAndDestroy();
      return;
    }
    // A cut delivers what was written before it, then closes.
    this.client.destroySoon();
    this.upstream.destroySoon();
  }

  private destroyBoth(): void {
    this.tripped = true;
    this.client.destroy();
    this.upstream.destroy();
  }

  private log(what: string): void {
    this.state.events.push(`connection ${this.index}: ${what}`);
  }
}
