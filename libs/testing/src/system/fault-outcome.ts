import { JobView } from '@btsx/contracts';
import type { PeakMemory } from '@btsx/runner';
import { appendFileSync } from 'node:fs';
import type { DovecotServer, DovecotUser } from '../dovecot-server';
import { compareMailboxes } from '../mailbox-compare';
import { readMailbox, type MailboxSnapshot } from '../mailbox-snapshot';

/** How many seeded iterations a fault test runs: a few in `npm test`, more in `test:chaos`. */
export function faultIterations(fast: number): number {
  const chaos = Number(process.env.BTSX_CHAOS_ITERATIONS);
  return Number.isInteger(chaos) && chaos > 0 ? Math.max(fast, chaos) : fast;
}

/** True under `npm run test:chaos`: the slow scenarios run only then. */
export const chaosRun = (): boolean => !!process.env.BTSX_CHAOS_ITERATIONS;

/** What one faulty run did to the mail: the row of the reliability table. */
export interface FaultOutcome {
  fault: string;
  messagesChecked: number;
  lost: number;
  duplicated: number;
  /** Every difference compareMailboxes found (flags and dates too). */
  differences: string[];
  /** Faults the proxies applied during the run, when it used them. */
  faultsApplied?: number;
  /** The longest a job copying at the fault went without progress, where it was measured. */
  heldUpSeconds?: number;
}

/** Appends the outcome to the chaos runner's report file, when it asked for one. */
export function recordOutcome(outcome: FaultOutcome, passed: boolean): void {
  const file = process.env.BTSX_CHAOS_REPORT;
  if (!file) return;
  const { fault, messagesChecked, lost, duplicated, faultsApplied, heldUpSeconds } = outcome;
  const row = { fault, messagesChecked, lost, duplicated, faultsApplied, heldUpSeconds, passed };
  appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/** Appends the services' peak memory to the chaos runner's report file, when it asked for one. */
export function recordMemory(scenario: string, peaks: readonly PeakMemory[]): void {
  const file = process.env.BTSX_CHAOS_REPORT;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ memory: scenario, peaks })}\n`);
}

/** Compares the destination with the source snapshot: lost and duplicated messages counted. */
export async function checkDestination(
  fault: string,
  source: MailboxSnapshot,
  server: DovecotServer,
  user: DovecotUser,
): Promise<FaultOutcome> {
  const destination = await readMailbox(server, user);
  const differences = compareMailboxes(source, destination);
  return {
    fault,
    messagesChecked: source.reduce((n, folder) => n + folder.messages.length, 0),
    lost: differences.filter((d) => d.includes('missing message')).length,
    duplicated: differences.filter((d) => d.includes('(a duplicate)')).length,
    differences,
  };
}

/**
 * Everything wrong with a finished job and its destination, in words (empty when all is well):
 * a difference from the source, a status other than the expected one, counters that do not
 * add up to what is at the destination, or a message failure not in `expectedFailures`.
 */
export function jobProblems(
  outcome: FaultOutcome,
  job: JobView,
  expected: { status?: JobView['status']; failures?: number } = {},
): string[] {
  const problems = [...outcome.differences];
  const status = expected.status ?? 'completed';
  if (job.status !== status) problems.push(`job ${job.status}, expected ${status}: ${job.error}`);
  const { copied, skipped, failed, total } = job.counters;
  const failures = expected.failures ?? 0;
  if (failed !== failures) problems.push(`${failed} messages failed, expected ${failures}`);
  if (job.failures.length !== failures) {
    problems.push(`${job.failures.length} failures reported, expected ${failures}`);
  }
  if (total === null) problems.push('no total: start fault jobs with progressUpdates');
  else if (copied + skipped + failed !== total) {
    problems.push(`counters do not add up: ${JSON.stringify(job.counters)}`);
  }
  return problems;
}
