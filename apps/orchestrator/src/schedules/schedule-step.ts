import { ScheduleState, scheduleEnded } from '@btsx/contracts';

/** The schedule's latest pass, as far as deciding the next step needs it. */
export interface LatestPass {
  jobId: string;
  ended: boolean;
  final: boolean;
}

/** What the scheduler knows of a schedule when it looks at it. */
export interface ScheduleFacts {
  state: ScheduleState;
  nextPassAt: Date | null;
  endsAt: Date;
  /** Whether the latest pass ended and was the final one (a job's, or all a batch's jobs). */
  latestPass: Pick<LatestPass, 'ended' | 'final'> | null;
}

/** Why a schedule ends by itself. */
export type EndReason = 'final pass ended' | 'end date reached';

/** What the scheduler does with a schedule now. */
export type ScheduleStep =
  | { kind: 'nothing' }
  | { kind: 'start pass'; final: boolean }
  | { kind: 'end'; reason: EndReason }
  | { kind: 'wait for next pass' };

/**
 * The state machine's one decision. A pass starts only once the previous one ended: one that
 * falls due meanwhile waits for it, and then starts at once. The end date stops the schedule
 * even while a pass runs (that pass finishes on its own copies of the logins); the final pass
 * is the one exception, since the user asked for it.
 */
export function nextStep(facts: ScheduleFacts, now: Date): ScheduleStep {
  const { state, latestPass } = facts;
  if (scheduleEnded(state)) return { kind: 'nothing' };
  if (latestPass?.final) {
    return latestPass.ended ? { kind: 'end', reason: 'final pass ended' } : { kind: 'nothing' };
  }
  if (now >= facts.endsAt) return { kind: 'end', reason: 'end date reached' };
  if (latestPass && !latestPass.ended) return { kind: 'nothing' };
  if (state === 'final-requested') return { kind: 'start pass', final: true };
  if (facts.nextPassAt && now >= facts.nextPassAt) return { kind: 'start pass', final: false };
  if (state === 'running') return { kind: 'wait for next pass' };
  return { kind: 'nothing' };
}

/** A user's "final pass": allowed until the final pass was asked for, or the schedule ended. */
export function finalPassRefusal(state: ScheduleState): string | undefined {
  if (state === 'final-requested') return 'The final pass was already asked for';
  if (scheduleEnded(state)) return `The schedule is ${state}`;
  return undefined;
}
