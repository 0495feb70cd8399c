import { DeliveryPolicy } from '@btsx/contracts';
import { isPermanent } from '../bus/bus-errors';
import { JetStreamContext } from '../bus/jetstream-context';
import { JobCancellations } from './job-cancellations';

/** How one run of a work message ended. */
export type WorkOutcome = 'finished' | 'failed' | 'retried' | 'stopped' | 'handed_back';

/** A work message's work on one job, and how its job hears of a run that did not finish. */
export interface JobWork {
  jobId: string;
  /** The work; `cancelled` fires when the user cancels the job. */
  run(cancelled: AbortSignal): Promise<void>;
  /** Tells the job the work failed for good: a permanent error, or its last attempt's. */
  giveUp(reason: string): Promise<void>;
  /** Tells the job what the work had done when the job was cancelled. */
  stopped?(): Promise<void>;
  /** The error a passing failure is retried with (a throttled task's capped wait). */
  retryAs?(error: unknown): unknown;
  /** Hears how each run ended, and the error it ended with. */
  ended?(outcome: WorkOutcome, error?: unknown): void;
}

/** Heartbeats per ack wait: the message stays ours even if one or two are late. */
const HEARTBEATS_PER_ACK_WAIT = 4;

/**
 * Runs the work a JetStream message asks for on a job, the same way in every worker: not at
 * all once the job is cancelled, kept alive with heartbeats while it runs, and on failure
 * retried (thrown, so the bus naks it with a delay), handed back at shutdown, or given up on
 * and reported to the job, as the error and the subject's delivery policy say.
 */
export class JobWorkRunner {
  constructor(private readonly cancellations: JobCancellations) {}

  async run(ctx: JetStreamContext, work: JobWork): Promise<void> {
    if (await this.cancellations.isCancelled(work.jobId)) return;
    const { signal, end } = this.cancellations.begin(work.jobId);
    const heartbeatMs = ctx.policy.ackWaitMs / HEARTBEATS_PER_ACK_WAIT;
    const heartbeat = setInterval(() => ctx.working(), heartbeatMs);
    try {
      await work.run(signal);
      work.ended?.('finished');
    } catch (error) {
      await this.settle(ctx, work, signal, error);
    } finally {
      clearInterval(heartbeat);
      end();
    }
  }

  private async settle(
    ctx: JetStreamContext,
    work: JobWork,
    cancelled: AbortSignal,
    error: unknown,
  ): Promise<void> {
    const retry = isPermanent(error) ? error : (work.retryAs?.(error) ?? error);
    const outcome = outcomeOf(retry, cancelled, ctx);
    work.ended?.(outcome, retry);
    if (outcome === 'stopped') return work.stopped?.();
    if (outcome === 'failed') return work.giveUp(reasonOf(error));
    throw retry;
  }
}

/**
 * What a run that threw means: cancelled by the user, handed back at once because this
 * process shuts down (another replica takes it), retried later, or failed for good.
 */
function outcomeOf(error: unknown, cancelled: AbortSignal, ctx: JetStreamContext): WorkOutcome {
  if (cancelled.aborted) return 'stopped';
  if (isPermanent(error)) return 'failed';
  if (ctx.shutdownSignal.aborted) return 'handed_back';
  return ctx.deliveryCount < attemptsFor(error, ctx.policy) ? 'retried' : 'failed';
}

/**
 * The delivery on which a passing failure is given up on. One that asks for a wait of its
 * own (a busy server's backoff) is waited for longer.
 */
export function attemptsFor(error: unknown, policy: DeliveryPolicy): number {
  const asksToWait = typeof (error as { retryAfterMs?: unknown })?.retryAfterMs === 'number';
  const patient = asksToWait ? policy.patientAttempts : undefined;
  return patient ?? policy.attempts ?? policy.maxDeliveries;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
