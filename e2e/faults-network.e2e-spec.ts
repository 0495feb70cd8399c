// Network faults end to end: every IMAP connection of every service goes through a fault proxy
// that cuts (mid-literal, between commands), resets and stalls connections at seeded random
// points. Each job must still end completed with the destination identical to the source.
// BTSX_CHAOS_ITERATIONS (npm run test:chaos) runs more seeds.
import {
  Direction,
  DovecotUser,
  faultIterations,
  FaultPlan,
  FaultTestbed,
  generateCorpus,
  randomFaults,
  RandomFaultKind,
} from '@btsx/testing';
import { resolve } from 'node:path';

const SOURCE_USER: DovecotUser = { username: 'net@source.test', password: 'src-Net-4711' };
const MESSAGES = 300;
/** A stalled connection is abandoned after this; short so the test does not wait long. */
const COMMAND_TIMEOUT_MS = 3_000;
/** Faults per proxy and job: the copier's 8 deliveries of a task absorb them all. */
const FAULTS_PER_PROXY = 3;
/** Offsets up to past the login and into the first FETCH or APPEND literals. */
const MAX_FAULT_BYTES = 150_000;
/** Stall once this much went through: inside the copying, not the planning. */
const STALL_AFTER_BYTES = 150_000;
/** Connections stalled per side; later ones go through. */
const STALLED_CONNECTIONS = 3;
const JOB_TIMEOUT_MS = 300_000;

describe('network faults between the workers and the IMAP servers', () => {
  let bed: FaultTestbed;

  beforeAll(async () => {
    bed = await FaultTestbed.start({
      outputDir: resolve('test-output/e2e/faults-network'),
      sourceUser: SOURCE_USER,
      sourceFolders: generateCorpus({ messages: MESSAGES, folders: 2, seed: 7007 }),
      destinationSeparator: '.',
      serviceEnv: { copier: { IMAP_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) } },
    });
  });

  afterAll(async () => {
    await bed?.stop();
  });

  afterEach(() => bed.clearFaults());

  /** One job with faults armed once it exists (the logins it was created with go through). */
  async function migrateWith(fault: string, arm: () => void): Promise<void> {
    const to = await bed.newDestinationUser(fault);
    const job = await bed.startJob(to);
    arm();
    const { problems } = await bed.verdict(fault, job, to, { timeoutMs: JOB_TIMEOUT_MS });
    expect(problems).toEqual([]);
  }

  function randomOnBoth(seed: number, kinds: RandomFaultKind[]): void {
    const plan = (offset: number): FaultPlan =>
      randomFaults({
        seed: seed * 2 + offset,
        budget: FAULTS_PER_PROXY,
        probability: 0.5,
        kinds,
        maxBytes: MAX_FAULT_BYTES,
      });
    bed.sourceProxy.setFaults(plan(0));
    bed.destinationProxy.setFaults(plan(1));
  }

  /** Stalls the first `count` connections that carry this much; the rest go through. */
  function stallFirst(count: number, direction: Direction): FaultPlan {
    let stalled = 0;
    const shouldTrip = () => stalled++ < count;
    return () => ({ kind: 'stall', direction, afterBytes: STALL_AFTER_BYTES, shouldTrip });
  }

  const cutSeeds = Array.from({ length: faultIterations(2) }, (_, i) => 1000 + i);
  it.each(cutSeeds)('cuts at random points (seed %i): nothing lost, nothing doubled', (seed) =>
    migrateWith('connection cut (mid-literal, between commands)', () =>
      randomOnBoth(seed, ['cut', 'cutBetweenCommands']),
    ),
  );

  const resetSeeds = Array.from({ length: faultIterations(1) }, (_, i) => 2000 + i);
  it.each(resetSeeds)('resets at random points (seed %i)', (seed) =>
    migrateWith('connection reset (RST)', () => randomOnBoth(seed, ['reset'])),
  );

  const stallRuns = Array.from({ length: faultIterations(1) }, (_, i) => i + 1);
  it.each(stallRuns)('abandons stalled connections after the deadline (run %i)', async () => {
    await migrateWith('connection stalled', () => {
      // Source: a FETCH stalls (imapflow); destination: an APPEND literal stalls (the
      // pipelined writer's own deadline).
      bed.sourceProxy.setFaults(stallFirst(STALLED_CONNECTIONS, 'toClient'));
      bed.destinationProxy.setFaults(stallFirst(STALLED_CONNECTIONS, 'toServer'));
    });
    expect(bed.sourceProxy.events.join('\n')).toMatch(/stall toClient/);
    expect(bed.destinationProxy.events.join('\n')).toMatch(/stall toServer/);
  });
});
