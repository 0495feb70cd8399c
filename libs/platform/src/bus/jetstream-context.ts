import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from 'nats';

/** What a handler may do with the message it is working on, besides returning. */
export class JetStreamContext extends BaseRpcContext<[JsMsg | null]> {
  constructor(
    msg: JsMsg | null,
    /** Fires when the process shuts down: stop at a safe point and throw to hand the message back. */
    readonly shutdownSignal: AbortSignal = new AbortController().signal,
  ) {
    super([msg]);
  }

  /** How often this message has been delivered, 1 on the first delivery. */
  get deliveryCount(): number {
    return this.args[0]?.info.deliveryCount ?? 1;
  }

  /** Tells JetStream a long task is alive, so it is not redelivered to another worker. */
  working(): void {
    this.args[0]?.working();
  }
}
