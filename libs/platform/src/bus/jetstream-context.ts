import { DeliveryPolicy } from '@btsx/contracts';
import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from 'nats';

/** What a handler may do with the message it is working on, besides returning. */
export class JetStreamContext extends BaseRpcContext<[JsMsg | null]> {
  constructor(
    msg: JsMsg | null,
    /** How its subject is delivered, with what the service's config overrides; JetStream only. */
    private readonly deliveryPolicy?: DeliveryPolicy,
    /** Fires when the process shuts down: stop at a safe point and throw to hand the message back. */
    readonly shutdownSignal: AbortSignal = new AbortController().signal,
  ) {
    super([msg]);
  }

  /** How often this message has been delivered, 1 on the first delivery. */
  get deliveryCount(): number {
    return this.args[0]?.info.deliveryCount ?? 1;
  }

  /** The message's place in its stream: the same on every delivery of it, 0 for core NATS. */
  get streamSequence(): number {
    return this.args[0]?.info.streamSequence ?? 0;
  }

  get policy(): DeliveryPolicy {
    if (!this.deliveryPolicy) throw new Error('A core NATS message has no delivery policy');
    return this.deliveryPolicy;
  }

  /** Tells JetStream a long task is alive, so it is not redelivered to another worker. */
  working(): void {
    this.args[0]?.working();
  }
}
