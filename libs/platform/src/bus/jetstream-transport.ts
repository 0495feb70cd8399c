import {
  BroadcastSubject,
  InboundSubject,
  isJetStreamSubject,
  JetStreamSubject,
  RequestSubject,
} from '@btsx/contracts';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { Consumer, JsMsg, Msg, NatsConnection, Subscription } from 'nats';
import { isPermanent, ReplyEnvelope } from './bus-errors';
import { JetStreamContext } from './jetstream-context';
import { ensureConsumer, ensureStreams } from './jetstream-setup';
import { decodePayload, encodePayload } from './payload-codec';
import { WorkSlots } from './work-slots';

export interface JetStreamTransportOptions {
  /** Names durable consumers (`<service>-<subject>`) and the request queue group. */
  service: string;
  /** Messages worked on at once per subject; default 1 (in order, one at a time). */
  concurrency?: Partial<Record<JetStreamSubject, number>>;
  ackWaitMs?: Partial<Record<JetStreamSubject, number>>;
  maxDeliver?: Partial<Record<JetStreamSubject, number>>;
}

const DEFAULT_ACK_WAIT_MS = 30_000;
/** Enough retries to ride out a restart of a neighbour service, not a poison message forever. */
const DEFAULT_MAX_DELIVER = 20;
/** How long one pull waits for messages before it asks again. */
const PULL_EXPIRES_MS = 5_000;
/** A failed message comes back after deliveryCount × this, capped at the maximum. */
const RETRY_DELAY_STEP_MS = 1_000;
const RETRY_DELAY_MAX_MS = 30_000;

/**
 * @nestjs/microservices transport over NATS: @EventPattern handlers for JetStream subjects
 * get durable, acknowledged delivery; broadcast subjects a plain subscription; request
 * subjects (@MessagePattern) a queue-group responder. Every payload is validated against
 * its contract class before the handler sees it.
 */
export class JetStreamTransport extends Server implements CustomTransportStrategy {
  private running = false;
  private readonly subscriptions: Subscription[] = [];
  private readonly pullLoops: Promise<void>[] = [];
  private readonly pulls = new Set<{ stop(): void }>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: JetStreamTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.running = true;
      const jsm = await this.nc.jetstreamManager();
      await ensureStreams(jsm);
      for (const pattern of this.messageHandlers.keys()) {
        const subject = pattern as InboundSubject;
        if (isJetStreamSubject(subject)) await this.startConsumer(subject);
        else this.startSubscription(subject);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops taking messages; waits for the ones in hand to finish. */
  async close(): Promise<void> {
    this.running = false;
    for (const sub of this.subscriptions) sub.unsubscribe();
    for (const pull of this.pulls) pull.stop();
    await Promise.allSettled(this.pullLoops);
  }

  on(): void {
    throw new Error('JetStreamTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.nc as T;
  }

  private async startConsumer(subject: JetStreamSubject): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    const durable = `${this.options.service}-${subject.replace(/\./g, '-')}`;
    const stream = await ensureConsumer(jsm, {
      durable,
      subject,
      ackWaitMs: this.options.ackWaitMs?.[subject] ?? DEFAULT_ACK_WAIT_MS,
      maxDeliver: this.options.maxDeliver?.[subject] ?? DEFAULT_MAX_DELIVER,
    });
    const consumer = await this.nc.jetstream().consumers.get(stream, durable);
    const slots = new WorkSlots(this.options.concurrency?.[subject] ?? 1);
    this.pullLoops.push(this.pullLoop(subject, consumer, slots));
  }

  private async pullLoop(subject: JetStreamSubject, consumer: Consumer, slots: WorkSlots) {
    while (this.running && !this.nc.isClosed()) {
      await slots.whenFree();
      if (!this.running) break;
      try {
        const batch = await consumer.fetch({ max_messages: slots.free, expires: PULL_EXPIRES_MS });
        this.pulls.add(batch);
        try {
          for await (const msg of batch) slots.run(() => this.handleJetStream(subject, msg));
        } finally {
          this.pulls.delete(batch);
        }
      } catch (error) {
        if (this.running) this.logger.warn?.(`Pull from ${subject} failed: ${String(error)}`);
        await new Promise((r) => setTimeout(r, RETRY_DELAY_STEP_MS));
      }
    }
    await slots.drained();
  }

  private async handleJetStream(subject: JetStreamSubject, msg: JsMsg): Promise<void> {
    try {
      const payload = decodePayload(subject, msg.data);
      await this.invoke(subject, payload, new JetStreamContext(msg));
      msg.ack();
    } catch (error) {
      const attempt = msg.info.deliveryCount;
      this.logger.error?.(`${subject} (delivery ${attempt}) failed: ${errorText(error)}`);
      if (isPermanent(error)) msg.term();
      else msg.nak(retryDelay(error, attempt));
    }
  }

  private startSubscription(subject: BroadcastSubject | RequestSubject): void {
    const isRequest = this.messageHandlers.get(subject)?.isEventHandler === false;
    const queue = isRequest ? this.options.service : undefined;
    const sub = this.nc.subscribe(subject, {
      queue,
      callback: (error, msg) => {
        if (!error) void this.handleCore(subject, msg, isRequest);
      },
    });
    this.subscriptions.push(sub);
  }

  private async handleCore(subject: InboundSubject, msg: Msg, isRequest: boolean): Promise<void> {
    let reply: ReplyEnvelope<unknown>;
    try {
      const value = await this.invoke(subject, decodePayload(subject, msg.data), null);
      reply = { ok: true, value };
    } catch (error) {
      const { kind, permanent } = error as { kind?: string; permanent?: boolean };
      reply = {
        ok: false,
        error: { kind: kind ?? 'internal', message: errorText(error), permanent: !!permanent },
      };
      if (!isRequest) this.logger.error?.(`${subject} failed: ${errorText(error)}`);
    }
    if (isRequest) msg.respond(encodePayload(reply));
  }

  private async invoke(subject: InboundSubject, payload: object, ctx: JetStreamContext | null) {
    const handler = this.messageHandlers.get(subject);
    if (!handler) throw new Error(`No handler for ${subject}`);
    return lastValueFrom(
      this.transformToObservable(await handler(payload, ctx ?? new JetStreamContext(null))),
      {
        defaultValue: undefined,
      },
    );
  }
}

/** The delay a throttling server asked for, else one that grows with each attempt; capped. */
function retryDelay(error: unknown, attempt: number): number {
  const asked = (error as { retryAfterMs?: unknown })?.retryAfterMs;
  const delay = typeof asked === 'number' ? asked : attempt * RETRY_DELAY_STEP_MS;
  return Math.min(delay, RETRY_DELAY_MAX_MS);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
