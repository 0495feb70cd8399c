/**
 * Slots a window is counted in: a reservation is forgotten at most 1/96 of the window late
 * (15 min of Gmail's day), which errs on the safe side, and an entry stays under 3 KB.
 */
export const SLOTS_PER_WINDOW = 96;

/** An account's bytes in one direction: the bytes reserved in each slot, by slot start (ms). */
export interface WindowUsage {
  slots: Record<string, number>;
}

/** At most `limitBytes` in any `windowMs` (a rolling window, not a calendar day). */
export interface QuotaRule {
  limitBytes: number;
  windowMs: number;
}

export type Reservation = { granted: true; slot: number } | { granted: false; resumesAt: number };

export function emptyUsage(): WindowUsage {
  return { slots: {} };
}

/**
 * Reserves `bytes` now if the window has room for them, else says when it will: when enough
 * of the oldest slots have left the window. A message larger than the whole quota goes alone,
 * into an empty window: it would otherwise never go.
 */
export function reserve(
  usage: WindowUsage,
  bytes: number,
  rule: QuotaRule,
  now: number,
): Reservation {
  dropExpired(usage, rule, now);
  const used = usedBytes(usage);
  if (used + bytes <= rule.limitBytes || used === 0) {
    const slot = slotStart(rule, now);
    usage.slots[slot] = (usage.slots[slot] ?? 0) + bytes;
    return { granted: true, slot };
  }
  return { granted: false, resumesAt: resumeTime(usage, Math.min(bytes, rule.limitBytes), rule) };
}

/** Gives back what a reservation did not use, while its slot is still in the window. */
export function release(usage: WindowUsage, slot: number, bytes: number): boolean {
  const held = usage.slots[slot];
  if (held === undefined || bytes <= 0) return false;
  const left = held - bytes;
  if (left > 0) usage.slots[slot] = left;
  else delete usage.slots[slot];
  return true;
}

/** The earliest time `bytes` more fit: the oldest slots leave the window one after another. */
function resumeTime(usage: WindowUsage, bytes: number, rule: QuotaRule): number {
  const slots = Object.entries(usage.slots)
    .map(([start, held]) => ({ start: Number(start), held }))
    .sort((a, b) => a.start - b.start);
  let left = usedBytes(usage);
  for (const { start, held } of slots) {
    left -= held;
    if (left + bytes <= rule.limitBytes) return start + slotMs(rule) + rule.windowMs;
  }
  // Unreachable: an empty window fits anything.
  return slots.at(-1)!.start + slotMs(rule) + rule.windowMs;
}

function dropExpired(usage: WindowUsage, rule: QuotaRule, now: number): void {
  for (const start of Object.keys(usage.slots)) {
    if (Number(start) + slotMs(rule) + rule.windowMs <= now) delete usage.slots[start];
  }
}

function usedBytes(usage: WindowUsage): number {
  return Object.values(usage.slots).reduce((sum, held) => sum + held, 0);
}

function slotMs(rule: QuotaRule): number {
  return Math.max(1, Math.floor(rule.windowMs / SLOTS_PER_WINDOW));
}

function slotStart(rule: QuotaRule, now: number): number {
  return now - (now % slotMs(rule));
}
