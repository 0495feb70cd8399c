import type { MessageSize } from '../messages/list-message-sizes';

export interface BatchLimits {
  maxMessages: number;
  maxBytes: number;
}

/**
 * Cuts an ascending list into consecutive batches of at most `maxMessages` messages and
 * `maxBytes` bytes; a single message larger than `maxBytes` is a batch of its own.
 */
export function planBatches(
  messages: readonly MessageSize[],
  limits: BatchLimits,
): MessageSize[][] {
  const batches: MessageSize[][] = [];
  let current: MessageSize[] = [];
  let bytes = 0;
  for (const message of messages) {
    const full = current.length >= limits.maxMessages || bytes + message.size > limits.maxBytes;
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
