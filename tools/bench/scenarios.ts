import type { JobOptions, JobView } from '@btsx/contracts';
import {
  DEFAULT_JOB_OPTIONS,
  type FixtureFolder,
  generateCorpus,
  seedMailbox,
  UNLIMITED_JOB_STARTS,
  UNLIMITED_SIGN_INS,
} from '@btsx/testing';
import { cpuSeconds } from '@btsx/runner';
import { type BenchFigures, figures, round } from './bench-report';
import type { DestinationKind } from './destination-server';
import { machineCpu, processStats } from './process-stats';
import {
  BenchWorld,
  corpusSize,
  PLAIN_LOOP_CONNECTIONS,
  type BenchPair,
  type MigrationRun,
  type WorldOptions,
} from './bench-world';

export interface BenchArgs {
  messages: number;
  folders: number;
  huge: number;
  pairs: number;
  copiers: number[];
  delayMs: number;
  ceiling: boolean;
  bigMb: number;
  /** Tasks each copier runs at once (COPIER_CONCURRENCY); undefined keeps the default. */
  slots?: number;
  destination: DestinationKind;
  /** The services on a three-node JetStream cluster, every stream on three nodes. */
  natsCluster: boolean;
}

/** A run whose mailboxes differ from their sources reports FAIL, never figures. */
export class BenchFailure extends Error {}

export async function checked(
  world: BenchWorld,
  pairs: BenchPair[],
  run: MigrationRun,
): Promise<MigrationRun> {
  const differences = await world.differences(pairs, run.jobs);
  if (differences.length > 0) {
    const listed = differences.slice(0, 20).join('\n');
    throw new BenchFailure(`${differences.length} differences:\n${listed}`);
  }
  return run;
}

export function runFigures(
  scenario: string,
  label: string,
  world: BenchWorld,
  run: MigrationRun,
  size: { messages: number; bytes: number },
): BenchFigures {
  return figures({
    scenario,
    run: label,
    destination: world.options.destination,
    ...size,
    seconds: run.seconds,
    copiers: world.options.copiers,
    latencyMs: 2 * world.options.delayMs,
    connections: run.connections,
    peakRssMb: run.peakRssMb,
    cpuSeconds: run.cpuSeconds,
    cpuBusyPercent: run.machineCpuBusyPercent,
  });
}

export function worldOptions(
  args: BenchArgs,
  pairs: number,
  copiers = args.copiers[0],
): WorldOptions {
  // Every pair signs in and starts its jobs from this one client: the limits are for strangers.
  const serviceEnv = {
    auth: UNLIMITED_SIGN_INS,
    orchestrator: UNLIMITED_JOB_STARTS,
    ...(args.slots && { copier: { COPIER_CONCURRENCY: String(args.slots) } }),
  };
  const { delayMs, destination, natsCluster } = args;
  return { pairs, copiers, delayMs, serviceEnv, destination, natsCluster };
}

/** Every run starts a system of its own and always stops it. */
export async function withWorld<T>(
  options: WorldOptions,
  work: (world: BenchWorld) => Promise<T>,
): Promise<T> {
  const world = await BenchWorld.start(options);
  try {
    return await work(world);
  } finally {
    await world.stop();
  }
}

/**
 * One mailbox through the whole system; with `ceiling`, the same messages APPENDed by a plain
 * 4-connection loop straight into an empty account of the destination server, and the ratio.
 */
export function mailbox(args: BenchArgs): Promise<BenchFigures[]> {
  const options = worldOptions(args, 1);
  return withWorld(options, async (world) => {
    const corpus = generateCorpus({
      messages: args.messages,
      folders: args.folders,
      hugeMessages: args.huge,
      seed: 1,
    });
    const [pair] = world.pairs;
    await world.seed(pair, corpus);
    const run = await checked(world, [pair], await world.migrate([pair]));
    const btsx = runFigures('mailbox', 'btsx', world, run, corpusSize(corpus));
    btsx.extra = auditShare(run.jobs[0], run.seconds);
    if (!args.ceiling) return [btsx];
    const ceiling = await plainLoop(world, corpus);
    btsx.extra = {
      ...btsx.extra,
      ceilingSeconds: ceiling.seconds,
      ratioToCeiling: round(btsx.seconds / ceiling.seconds, 2),
    };
    return [btsx, ceiling];
  });
}

/**
 * The completeness audit runs after the copy and is part of the job; its seconds are shown
 * apart, with the copy's own rate (messages over the time before the audit began).
 */
function auditShare(job: JobView, seconds: number): Record<string, number> {
  const audit = job.audit;
  if (!audit?.finishedAt) return {};
  const auditSeconds = (Date.parse(audit.finishedAt) - Date.parse(audit.requestedAt)) / 1000;
  const copied = job.counters.copied + job.counters.skipped;
  return {
    auditSeconds: round(auditSeconds, 2),
    copyMessagesPerSecond: round(copied / (seconds - auditSeconds), 1),
  };
}

async function plainLoop(world: BenchWorld, corpus: FixtureFolder[]): Promise<BenchFigures> {
  const user = { username: 'ceiling@dest.test', password: 'ceiling-dest' };
  await world.destination.addUser(user);
  const cpuBusy = await machineCpu();
  const started = performance.now();
  await seedMailbox(world.destination, user, corpus, {
    connections: PLAIN_LOOP_CONNECTIONS,
  });
  const seconds = (performance.now() - started) / 1000;
  return figures({
    scenario: 'mailbox',
    run: `ceiling (${PLAIN_LOOP_CONNECTIONS}-connection APPEND loop)`,
    destination: world.options.destination,
    ...corpusSize(corpus),
    seconds,
    copiers: 0,
    latencyMs: 0,
    connections: { source: 0, destination: PLAIN_LOOP_CONNECTIONS },
    peakRssMb: {},
    cpuSeconds: {},
    cpuBusyPercent: await cpuBusy(),
  });
}

/** `pairs` mailboxes at once, by each number of copier processes in turn, each a fresh system. */
export async function scale(args: BenchArgs): Promise<BenchFigures[]> {
  const results: BenchFigures[] = [];
  for (const copiers of args.copiers) {
    const options = worldOptions(args, args.pairs, copiers);
    results.push(
      await withWorld(options, async (world) => {
        const corpora = world.pairs.map((_, n) =>
          generateCorpus({ messages: args.messages, folders: args.folders, seed: n + 1 }),
        );
        await Promise.all(world.pairs.map((pair, n) => world.seed(pair, corpora[n])));
        const run = await checked(world, world.pairs, await world.migrate(world.pairs));
        const total = corpora.map(corpusSize).reduce((a, b) => ({
          messages: a.messages + b.messages,
          bytes: a.bytes + b.bytes,
        }));
        const slots = args.slots ? ` × ${args.slots} slots` : '';
        const nats = args.natsCluster ? ', 3-node NATS' : '';
        const label = `${args.pairs} pairs, ${copiers} copiers${slots}${nats}`;
        return runFigures('scale', label, world, run, total);
      }),
    );
  }
  return results;
}

/** One folder of `messages` messages plus one of `bigMb` MB: the copier's memory must not grow with it. */
export function memory(args: BenchArgs): Promise<BenchFigures[]> {
  const options = worldOptions(args, 1);
  return withWorld(options, async (world) => {
    const spread = generateCorpus({
      messages: args.messages,
      folders: 0,
      bigMessageBytes: args.bigMb * 1024 * 1024,
      seed: 7,
    });
    const corpus = [{ path: 'INBOX', messages: spread.flatMap((f) => f.messages) }];
    await world.seed(world.pairs[0], corpus);
    const run = await checked(world, world.pairs, await world.migrate(world.pairs));
    return [
      runFigures('memory', `1 folder, ${args.bigMb} MB message`, world, run, corpusSize(corpus)),
    ];
  });
}

/**
 * One folder of `messages` small letters, copied and audited, then Verify (deep): the audit
 * holds each side of a folder in a letter table, so no service's memory grows with the
 * folder. The peak RSS of the second row covers the whole run.
 */
export function audit(args: BenchArgs): Promise<BenchFigures[]> {
  // Dovecot's maildir rescans a folder of 100,000s at every APPEND: what would be measured.
  const options = { ...worldOptions(args, 1), destinationFormat: 'mdbox' as const };
  return withWorld(options, async (world) => {
    const [pair] = world.pairs;
    const size = await world.deliver(pair, smallLetters(args.messages));
    const run = await checked(world, [pair], await world.migrate([pair]));
    const label = `1 folder of ${args.messages} messages`;
    const copied = runFigures('audit', `${label}: copy and audit`, world, run, size);
    copied.extra = auditShare(run.jobs[0], run.seconds);
    const cpuBusy = await machineCpu();
    const deep = await world.verifyDeep(pair, run.jobs[0]);
    const totals = deep.job.audit?.totals;
    if (deep.job.audit?.state !== 'done' || totals?.missing !== 0 || totals.changed !== 0) {
      throw new BenchFailure(`Verify (deep) found ${JSON.stringify(deep.job.audit)}`);
    }
    const verified = runFigures(
      'audit',
      `${label}: Verify (deep)`,
      world,
      {
        seconds: deep.seconds,
        jobs: [deep.job],
        connections: run.connections,
        machineCpuBusyPercent: await cpuBusy(),
        ...processStats(world.testbed.system),
      },
      size,
    );
    return [copied, verified];
  });
}

/** Letters of about a kilobyte, each with a Message-ID of its own (numbered from `first`). */
export function* smallLetters(count: number, first = 0): Generator<Buffer> {
  const body = 'The audit reads every letter of this folder on both sides.\r\n'.repeat(12);
  for (let n = first; n < first + count; n++) {
    const date = new Date(Date.UTC(2020, 0, 1) + n * 60_000).toUTCString().replace('GMT', '+0000');
    yield Buffer.from(
      `Message-ID: <${n}.audit@bench.test>\r\nDate: ${date}\r\nFrom: Bench <bench@bench.test>\r\n` +
        `Subject: Letter ${n}\r\n\r\n${body}`,
    );
  }
}

/**
 * The control plane, after one warm-up job (a running service is warm): POST /api/jobs to the
 * first copied message and to the end for a 10-message mailbox; POST to the folder list planned
 * for a 1,000-folder account, first into an empty destination (Folders Only: discovery plus
 * 1,000 CREATEs), then again with every folder there (the listing alone) and its messages copied.
 */
export function control(args: BenchArgs): Promise<BenchFigures[]> {
  const options = worldOptions(args, 3);
  return withWorld(options, async (world) => {
    const [warmUp, small, wide] = world.pairs;
    const smallCorpus = generateCorpus({ messages: 10, folders: 0, seed: 3 });
    const wideCorpus = generateCorpus({ messages: 1000, folders: 1000, seed: 4 });
    await Promise.all([
      world.seed(warmUp, smallCorpus),
      world.seed(small, smallCorpus),
      world.seed(wide, wideCorpus),
    ]);
    await timeJob(world, warmUp);
    const runs = [
      { label: '10 messages', timing: await timeJob(world, small), corpus: smallCorpus },
      {
        label: '1,000 folders created',
        timing: await timeJob(world, wide, { foldersOnly: true }),
        corpus: [],
      },
      { label: '1,000 folders, all there', timing: await timeJob(world, wide), corpus: wideCorpus },
    ];
    return runs.map(({ label, timing, corpus }) => {
      const result = runFigures('control', label, world, timing.run, corpusSize(corpus));
      result.extra = timing.extra;
      return result;
    });
  });
}

/** CPU seconds the service's processes use from now until the returned function's call. */
function serviceCpu(world: BenchWorld, service: string): () => number {
  const used = () => cpuSeconds(world.testbed.system.processes)[service] ?? 0;
  const before = used();
  return () => used() - before;
}

async function timeJob(world: BenchWorld, pair: BenchPair, options: Partial<JobOptions> = {}) {
  const { api } = world;
  const source = { server: world.reached(0), user: pair.source };
  const sourceCredentialId = await api.verify(source, 'source');
  const destination = { server: world.reached(1), user: pair.destination };
  const destinationCredentialId = await api.verify(destination, 'destination');
  const cpuBusy = await machineCpu();
  const orchestratorCpu = serviceCpu(world, 'orchestrator');
  const posted = performance.now();
  const postedAt = Date.now();
  const id = await api.createJob({
    sourceCredentialId,
    destinationCredentialId,
    options: { ...DEFAULT_JOB_OPTIONS, progressUpdates: true, ...options },
  });
  // Followed over its live stream, as its status page would be: the orchestrator answers the
  // bench as it answers one open page. The first copy is when the page first shows one.
  let firstCopyMs = NaN;
  const { job, lines } = await api.follow(
    id,
    (progress) => {
      if (Number.isNaN(firstCopyMs) && progress.counters.copied > 0) {
        firstCopyMs = performance.now() - posted;
      }
    },
    10 * 60_000,
  );
  const orchestratorCpuS = round(orchestratorCpu(), 2);
  const totalMs = Date.parse(job.finishedAt ?? '') - postedAt;
  const planned = lines.find((line) => line.message.startsWith('Found '));
  const planningMs = planned ? Date.parse(planned.at) - Date.parse(job.createdAt) : NaN;
  // Folders Only copies no message: only the job's own verdict applies.
  const run = await checked(world, options.foldersOnly ? [] : [pair], {
    seconds: totalMs / 1000,
    jobs: [job],
    connections: { source: 0, destination: 0 },
    machineCpuBusyPercent: await cpuBusy(),
    ...processStats(world.testbed.system),
  });
  return {
    run,
    extra: {
      ...(Number.isNaN(firstCopyMs) ? {} : { firstCopyMs: Math.round(firstCopyMs) }),
      totalMs: Math.round(totalMs),
      planningMs,
      orchestratorCpuS,
    },
  };
}
