import type { JobOptions } from '@btsx/contracts';
import { speedLimitsOption } from '@btsx/contracts/core';

/** The page's speed fields: MB a second (decimals welcome) and messages a second. */
export interface SpeedFields {
  megabytesPerSecond: number | null;
  messagesPerSecond: number | null;
}

export const NO_SPEED_LIMIT: SpeedFields = { megabytesPerSecond: null, messagesPerSecond: null };

const MEGABYTE = 1024 * 1024;
/** The API's ceilings (TransferLimits): 10 GB/s, 100,000 messages/s. */
const MAX_MEGABYTES_PER_SECOND = 10 * 1024;
const MAX_MESSAGES_PER_SECOND = 100_000;

/** The speed fields as JobOptions.limits; nothing when both are empty. */
export function speedLimits(fields: SpeedFields): Pick<JobOptions, 'limits'> {
  const { megabytesPerSecond: mb, messagesPerSecond } = fields;
  return speedLimitsOption({
    bytesPerSecond: mb ? Math.max(1, Math.round(mb * MEGABYTE)) : undefined,
    messagesPerSecond: messagesPerSecond ?? undefined,
  });
}

/** Why the speed fields cannot be applied; null when they can. */
export function speedFieldsProblem(fields: SpeedFields): string | null {
  const { megabytesPerSecond: mb, messagesPerSecond: messages } = fields;
  if (mb !== null && !(mb > 0 && mb <= MAX_MEGABYTES_PER_SECOND)) {
    return `The speed must be more than 0 and at most ${MAX_MEGABYTES_PER_SECOND} MB/s`;
  }
  if (messages !== null && !(Number.isInteger(messages) && messages >= 1)) {
    return 'Messages a second must be a whole number, 1 or more';
  }
  if (messages !== null && messages > MAX_MESSAGES_PER_SECOND) {
    return `Messages a second must be at most ${MAX_MESSAGES_PER_SECOND}`;
  }
  return null;
}

/** JobOptions.limits back into the fields (a page restored after an OAuth sign-in). */
export function speedFields({ limits }: Pick<JobOptions, 'limits'>): SpeedFields {
  return {
    megabytesPerSecond: limits?.bytesPerSecond ? limits.bytesPerSecond / MEGABYTE : null,
    messagesPerSecond: limits?.messagesPerSecond ?? null,
  };
}
