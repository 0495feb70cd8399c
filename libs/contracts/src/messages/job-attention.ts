import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ATTENTION_REASONS, type AttentionReason } from '../core/notify/notifications';

/** A status line's length: what a person reads in one glance. */
const MAX_DETAIL_CHARS = 300;

/**
 * A running job waits on something its owner may want to know about: a provider's daily
 * quota, a server's throttling, an account that must sign in again. Any service publishes
 * it (`publishJobAttention`); the orchestrator notifies the job's (or its batch's) owner once
 * per job and reason.
 */
export class JobAttention {
  @IsUUID()
  jobId: string;

  @IsIn(ATTENTION_REASONS)
  reason: AttentionReason;

  /** What a person reads, e.g. `Gmail's daily upload limit: resuming at 02:00 UTC`. No secret. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DETAIL_CHARS)
  detail?: string;
}
