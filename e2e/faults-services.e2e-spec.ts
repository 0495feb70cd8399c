// Processes failing under a running job: the gateway and auth killed with SIGKILL and started
// again, NATS and Postgres restarted in place (same port, same data). Each job must still end
// completed, with the destination identical to the source. (crash-restart.e2e-spec.ts kills
// the copier, discovery and the orchestrator in npm test; the chaos run kills every service,
// at random moments.)
import { resolve } from 'node:path';
import {
  chaosRun,
  DovecotUser,
  faultIterations,
  FaultTestbed,
  generateCorpus,
  SeededRandom,
} from '@btsx/testing';

const SOURCE_USER: DovecotUser = { username: 'svc@source.test', password: 'src-Svc-4711' };
/** Enough that the fault lands while messages are still arriving. */
const MESSAGES = 1_500;
const KILL_AFTER_MESSAGES = 100;
/** A task cut off by a dead neighbour comes back after its ack wait. */
const TASK_ACK_WAIT_MS = 3_000;
const JOB_TIMEOUT_MS = 300_000;
/** Deals the random kill moments of a chaos run. */
const CHAOS_SEED = 77;

describe('services and infrastructure failing mid-job', () => {
  let bed: FaultTestbed;

  beforeAll(async () => {
    bed = await FaultTestbed.start({
      outputDir: resolve('test-output/e2e/faults-services'),
      sourceUser: SOURCE_USER,
      sourceFolders: generateCorpus({ messages: MESSAGES, folders: 3, seed: 5150 }),
      serviceEnv: { copier: { COPIER_TASK_ACK_WAIT_MS: String(TASK_ACK_WAIT_MS) } },
    });
  });

  afterAll(async () => {
    await bed?.stop();
  });

  /** Starts a job, lets `killAfter` messages arrive, breaks something, checks the outcome. */
  async function breakMidJob(fault: string, killAfter: number, breakIt: () => Promise<void>) {
    const to = await bed.newDestinationUser(fault);
    const job = await bed.startJob(to);
    const arrived = await bed.untilArrived(to, killAfter, JOB_TIMEOUT_MS);
    await breakIt();
    // The fault really hit a running job.
    expect(arrived).toBeLessThan(MESSAGES);
    const end = { timeoutMs: JOB_TIMEOUT_MS, faultsApplied: 1 };
    expect((await bed.verdict(fault, job, to, end)).problems).toEqual([]);
  }

  const system = () => bed.testbed.system;
  const faults: Record<string, () => Promise<void>> = {
    'kill -9 gateway': async () => void (await system().restartService('gateway')),
    'kill -9 auth': async () => {
      await system().killService('auth');
      // Long enough for copiers to need a login while auth is gone.
      await new Promise((r) => setTimeout(r, TASK_ACK_WAIT_MS));
      await system().startService('auth');
    },
    'NATS restart': () => bed.testbed.nats.restart(),
    'Postgres restart': () => bed.testbed.postgres.restart(),
    'kill -9 copier': async () => void (await system().restartService('copier')),
    'kill -9 discovery': async () => void (await system().restartService('discovery')),
    'kill -9 orchestrator': async () => void (await system().restartService('orchestrator')),
  };
  const fast = ['kill -9 gateway', 'kill -9 auth', 'NATS restart', 'Postgres restart'];

  if (!chaosRun()) {
    it.each(fast)('%s mid-job: the job completes, nothing lost or doubled', (fault) =>
      breakMidJob(fault, KILL_AFTER_MESSAGES, faults[fault]),
    );
  } else {
    const random = new SeededRandom(CHAOS_SEED);
    const cases = Object.keys(faults).flatMap((fault) =>
      Array.from({ length: faultIterations(1) }, () => ({
        fault,
        killAfter: random.int(0, MESSAGES / 2),
      })),
    );
    it.each(cases)('$fault after $killAfter messages arrived', ({ fault, killAfter }) =>
      breakMidJob(fault, killAfter, faults[fault]),
    );
  }
});
