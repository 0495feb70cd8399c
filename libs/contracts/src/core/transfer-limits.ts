import { messageSizeInWords, parseMessageSize } from './message-filter';

/** A job's speed limits (JobOptions.limits): each a ceiling, per second. */
export interface SpeedLimits {
  bytesPerSecond?: number;
  messagesPerSecond?: number;
}

/** "5MB/s", "500 KB/s", "5MB" as bytes per second (binary units); undefined when it is none. */
export function parseByteRate(text: string): number | undefined {
  return parseMessageSize(text.replace(/\s*\/\s*s(ec(ond)?)?\s*$/i, ''));
}

/** "20" as messages per second: a whole number above 0; undefined when it is none. */
export function parseMessageRate(text: string): number | undefined {
  const rate = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(rate) && rate >= 1 ? rate : undefined;
}

/** The job option for speed limits: nothing when none is set, else only what is set. */
export function speedLimitsOption(limits: SpeedLimits): { limits?: SpeedLimits } {
  const { bytesPerSecond, messagesPerSecond } = limits;
  if (bytesPerSecond === undefined && messagesPerSecond === undefined) return {};
  return {
    limits: {
      ...(bytesPerSecond !== undefined && { bytesPerSecond }),
      ...(messagesPerSecond !== undefined && { messagesPerSecond }),
    },
  };
}

/** "at most 5.0 MB/s and 20 messages/s"; empty without limits. */
export function describeSpeedLimits(limits: SpeedLimits | undefined): string {
  const clauses: string[] = [];
  if (limits?.bytesPerSecond) clauses.push(`${messageSizeInWords(limits.bytesPerSecond)}/s`);
  if (limits?.messagesPerSecond) clauses.push(`${limits.messagesPerSecond} messages/s`);
  return clauses.length > 0 ? `at most ${clauses.join(' and ')}` : '';
}
