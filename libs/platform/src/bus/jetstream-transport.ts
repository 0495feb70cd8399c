import {
  BroadcastSubject,
  DELIVERY_POLICIES,
  DeliveryPolicy,
  InboundSubject,
  isJetStreamSubject,
  JetStreamSubject,
  RequestSubject,
} from '@btsx/contracts';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { Consumer, JsMsg, Msg, NatsConnection, Subscription } from 'nats';
import { isNotYet, isPermanent, ReplyEnvelope } from './bus-errors';
import { JetStreamContext } from './jetstream-context';
import { ensureConsumer, ensureStreams } from './jetstream-setup';
import { retryDelay } from './retry-delay';
import { scheduledWaitMs } from './scheduled-delivery';
import { decodePayload, encodePayload } from './payload-codec';
import { WorkSlots } from './work-slots';

export interface JetStreamTransportOptions {
  /** Names durable consumers (`<service>-<subject>`) and the request queue group. */
  service: string;
  /** What the service's config sets of its subjects' policies; DELIVERY_POLICIES has the rest. */
  policies?: Partial<Record<JetStreamSubject, Partial<DeliveryPolicy>>>;
}

/** How long one pull waits for messages before it asks again. */
const PULL_EXPIRES_MS = 5_000;
/** A pull that failed (NATS restarting) is tried again after this. */
const PULL_RETRY_MS = 1_000;

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
  /** Aborted on close with a ShutdownError: handlers stop at a safe point and hand work back. */
  private readonly stopping = new AbortController();
  private readonly consumers: { stream: string; durable: string }[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: JetStreamTransportOptions,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.running = true;
      await ensureStreams(this.nc);
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

  /**
   * Stops taking messages, tells the handlers in hand to stop (JetStreamContext.shutdownSignal)
   * and waits for them: each one finishes, or throws and is handed back at once (nak, no delay)
   * for another replica.
   */
  async close(): Promise<void> {
    this.running = false;
    this.stopping.abort(new ShutdownError());
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

  /** Each durable consumer's backlog: messages not yet delivered, and delivered but unacked. */
  async backlog(): Promise<{ consumer: string; pending: number; ackPending: number }[]> {
    const jsm = await this.nc.jetstreamManager();
    return Promise.all(
      this.consumers.map(async ({ stream, durable }) => {
        const info = await jsm.consumers.info(stream, durable);
        return { consumer: durable, pending: info.num_pending, ackPending: info.num_ack_pending };
      }),
    );
  }

  private async startConsumer(subject: JetStreamSubject): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    const durable = durableName(this.options.service, subject);
    const policy = this.policyOf(subject);
    const stream = await ensureConsumer(jsm, {
      durable,
      subject,
      ackWaitMs: policy.ackWaitMs,
      maxDeliver: policy.maxDeliveries,
    });
    this.consumers.push({ stream, durable });
    const consumer = await this.nc.jetstream().consumers.get(stream, durable);
    this.pullLoops.push(this.pullLoop(subject, policy, consumer));
  }

  private policyOf(subject: JetStreamSubject): DeliveryPolicy {
    return { ...DELIVERY_POLICIES[subject], ...this.options.policies?.[subject] };
  }

  private async pullLoop(subject: JetStreamSubject, policy: DeliveryPolicy, consumer: Consumer) {
    const slots = new WorkSlots(policy.concurrency);
    while (this.running && !this.nc.isClosed()) {
      await slots.whenFree();
      if (!this.running) break;
      try {
        const batch = await consumer.fetch({ max_messages: slots.free, expires: PULL_EXPIRES_MS });
        this.pulls.add(batch);
        try {
          for await (const msg of batch) {
            // Arrived after close began: back to the queue for another replica, not ack_wait later.
            if (this.running) slots.run(() => this.handleJetStream(subject, policy, msg));
            else msg.nak();
          }
        } finally {
          this.pulls.delete(batch);
        }
      } catch (error) {
        if (this.running) this.logger.warn?.(`Pull from ${subject} failed: ${String(error)}`);
        await new Promise((r) => setTimeout(r, PULL_RETRY_MS));
      }
    }
    await slots.drained();
  }

  private async handleJetStream(
    subject: JetStreamSubject,
    policy: DeliveryPolicy,
    msg: JsMsg,
  ): Promise<void> {
    const waitMs = scheduledWaitMs(msg.headers);
    // Back exactly at its time: one delivery per wait, however long.
    if (waitMs > 0) return msg.nak(waitMs);
    try {
      const payload = decodePayload(subject, msg.data);
      const ctx = new JetStreamContext(msg, policy, this.stopping.signal);
      await this.invoke(subject, payload, ctx);
      msg.ack();
    } catch (error) {
      this.settleFailed(subject, msg, error);
    }
  }

  /** Terminate a permanent failure; retry the rest later, or at once elsewhere on shutdown. */
  private settleFailed(subject: JetStreamSubject, msg: JsMsg, error: unknown): void {
    const attempt = msg.info.deliveryCount;
    const what = `${subject} (delivery ${attempt})`;
    if (!isPermanent(error) && this.stopping.signal.aborted) {
      this.logger.log?.(`${what} handed back on shutdown`);
      return msg.nak();
    }
    if (isNotYet(error)) this.logger.debug?.(`${what} comes back later: ${errorText(error)}`);
    else this.logger.error?.(`${what} failed: ${errorText(error)}`);
    if (isPermanent(error)) msg.term();
    else msg.nak(retryDelay(error, attempt));
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

/** The reason of JetStreamContext.shutdownSignal: the work is handed back, not failed. */
export class ShutdownError extends Error {
  constructor() {
    super('The service is shutting down');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The durable consumer a service's replicas share for one subject (what KEDA watches). */
export function durableName(service: string, subject: JetStreamSubject): string {
  return `${service}-${subject.replace(/\./g, '-')}`;
}
