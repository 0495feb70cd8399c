import { AttentionReason, SUBJECTS } from '@btsx/contracts';
import { Logger } from '@nestjs/common';
import { BusClient } from './bus-client';

const logger = new Logger('JobAttention');

/**
 * Tells the job's owner that it waits on something (`job.attention`): a provider's quota, a
 * server's throttling, an account that must sign in again. Call it from wherever the wait is
 * found; the orchestrator notifies once per job and reason, so calling it on every wait is
 * fine (the message id also drops repeats within JetStream's duplicate window). Never throws:
 * a notification lost is no reason to fail the work that found the wait.
 */
export async function publishJobAttention(
  bus: BusClient,
  jobId: string,
  reason: AttentionReason,
  detail?: string,
): Promise<void> {
  try {
    await bus.publish(
      SUBJECTS.jobAttention,
      { jobId, reason, ...(detail && { detail }) },
      `${jobId}.attention.${reason}`,
    );
  } catch (error) {
    logger.warn(`Publishing job.attention (${reason}) for ${jobId} failed: ${String(error)}`);
  }
}
