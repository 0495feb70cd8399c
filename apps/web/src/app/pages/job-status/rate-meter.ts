/** How far back the throughput looks: long enough to smooth batches, short enough to follow changes. */
const WINDOW_MS = 30_000;
/** Below this span a rate is mostly noise. */
const MIN_SPAN_MS = 1_500;

interface Sample {
  at: number;
  messages: number;
  bytes: number;
}

export interface Rate {
  messagesPerSecond: number;
  bytesPerSecond: number;
}

/** Throughput over a sliding window of (time, messages done, bytes) samples. */
export class RateMeter {
  private samples: Sample[] = [];

  add(at: number, messages: number, bytes: number): void {
    const last = this.samples.at(-1);
    if (last && messages < last.messages) this.samples = []; // a restart or a fresh view
    this.samples.push({ at, messages, bytes });
    while (this.samples.length > 2 && at - this.samples[1].at >= WINDOW_MS) this.samples.shift();
  }

  rate(): Rate | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < MIN_SPAN_MS) return null;
    const seconds = (last.at - first.at) / 1000;
    return {
      messagesPerSecond: (last.messages - first.messages) / seconds,
      bytesPerSecond: (last.bytes - first.bytes) / seconds,
    };
  }
}

/** The average over a whole finished job. */
export function averageRate(
  messages: number,
  bytes: number,
  startedAt: string | null,
  finishedAt: string | null,
): Rate | null {
  if (!startedAt || !finishedAt) return null;
  const seconds = (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000;
  if (!(seconds > 0)) return null;
  return { messagesPerSecond: messages / seconds, bytesPerSecond: bytes / seconds };
}
