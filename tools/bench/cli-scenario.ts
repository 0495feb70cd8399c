import type { JobStatusLine, JobView, PlanView } from '@btsx/contracts';
import { generateCorpus, type ImapTestServer } from '@btsx/testing';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchFigures, round } from './bench-report';
import { type BenchPair, type BenchWorld, corpusSize } from './bench-world';
import { machineCpu, processCpu, processStats } from './process-stats';
import {
  type BenchArgs,
  BenchFailure,
  checked,
  runFigures,
  withWorld,
  worldOptions,
} from './scenarios';

/**
 * Issue 18's mailbox weighed 14.6 MB: of seeds 1 to 12, this one's 512 messages in 16 folders
 * come nearest (14.4 MB).
 */
const CORPUS_SEED = 5;
/** The CLI's own bin, run as `btsx` runs after `npm link` (the bin is this file). */
const BTSX_BIN = 'tools/btsx.mjs';
/** The warm-up job's idle connections are closed by then (COPIER_IDLE_CONNECTION_MS, 2 s). */
const QUIET_MS = 2_500;
/** A whole job of the biggest mailbox anyone would give this scenario. */
const CLI_TIMEOUT_MS = 30 * 60_000;
/** How the CLI names its job, the first line it prints once the job exists. */
const JOB_STARTED = /^Job (\S+) started\./m;
/** Status lines the orchestrator writes as the plan arrives and as a folder's copy begins. */
const PLANNED_LINE = /^Found /;
const COPYING_LINE = /^Copying /;

interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Wall clock at spawn (ms), comparable with the orchestrator's times: same machine. */
  spawnedAt: number;
  seconds: number;
}

/**
 * A whole job as a person runs it (issue 18): the real `btsx migrate --progress` as a child
 * process, both passwords in its environment, timed from spawn to exit, on a system warmed
 * by one small job through the API, after a `btsx plan` of the same accounts (its time and
 * its estimate are reported beside the job's). The phases come from the job's own records, read once
 * at the end (its view and its status lines), so nothing polls the system while it runs:
 * check (spawn to the job's creation: the CLI's start and both sign-ins), plan (to the
 * plan's arrival or the first folder's copy, whichever came first), copy (to the audit's
 * request), audit (to the job's end; Verify is on by default), and exit (the CLI hearing the
 * end and printing its summary). The orchestrator stamps its lines when it commits them,
 * which a busy job does at most every 250 ms.
 */
export function cli(args: BenchArgs): Promise<BenchFigures[]> {
  const options = worldOptions(args, 2);
  return withWorld(options, async (world) => {
    const [measured, warmUp] = world.pairs;
    const corpus = generateCorpus({
      messages: args.messages,
      folders: args.folders,
      seed: CORPUS_SEED,
    });
    const warmUpCorpus = generateCorpus({ messages: 10, folders: 0, seed: 3 });
    await Promise.all([world.seed(measured, corpus), world.seed(warmUp, warmUpCorpus)]);
    await warmUpJob(world, warmUp);
    const helpSeconds = (await runCli(['--help'], {})).seconds;
    const passwords = {
      BTSX_SOURCE_PASSWORD: measured.source.password,
      BTSX_DEST_PASSWORD: measured.destination.password,
    };
    // What the plan foresees, from a plan made first as a person would (Preview, btsx plan).
    const planned = await runCli([...accountArgs('plan', world, measured), '--json'], passwords);
    if (planned.exitCode !== 0) throw new BenchFailure(`btsx plan exited ${planned.exitCode}`);
    const plan = JSON.parse(planned.stdout) as PlanView;
    await sleep(QUIET_MS);

    const cpuBusy = await machineCpu();
    const serviceCpu = processCpu(world.testbed.system);
    const harnessCpu = process.cpuUsage();
    const run = await runCli([...accountArgs('migrate', world, measured), '--progress'], passwords);
    const machineCpuBusyPercent = await cpuBusy();
    const { user, system } = process.cpuUsage(harnessCpu);
    const id = JOB_STARTED.exec(run.stdout)?.[1];
    if (run.exitCode !== 0 || !id) {
      const said = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-20).join('\n');
      throw new BenchFailure(`btsx migrate exited ${run.exitCode}:\n${said}`);
    }
    const job = await world.api.getJob(id);
    const lines = await world.api.statusLines(id);
    // CPU during the run alone (the services' start-up and the warm-up are not the job's).
    const stats = { ...processStats(world.testbed.system), cpuSeconds: serviceCpu() };
    // This process runs the delay proxies: their CPU is the harness's, not BTSX's.
    stats.cpuSeconds.bench = Math.round((user + system) / 1e4) / 100;
    const checkedRun = await checked(world, [measured], {
      seconds: run.seconds,
      jobs: [job],
      connections: { source: 0, destination: 0 },
      machineCpuBusyPercent,
      ...stats,
    });
    const result = runFigures(
      'cli',
      'btsx migrate --progress',
      world,
      checkedRun,
      corpusSize(corpus),
    );
    result.extra = {
      ...phases(run, job, lines),
      helpSeconds: round(helpSeconds, 2),
      planCommandSeconds: round(planned.seconds, 2),
      estimatedSeconds: plan.estimate.seconds,
    };
    return [result];
  });
}

/** One small job through the API first: a running server is warm when a person comes. */
async function warmUpJob(world: BenchWorld, pair: BenchPair): Promise<void> {
  const { id } = await world.api.startJob(
    { server: world.reached(0), user: pair.source },
    { server: world.reached(1), user: pair.destination },
    { progressUpdates: true },
  );
  const { job } = await world.api.follow(id);
  if (job.status !== 'completed') throw new BenchFailure(`warm-up job ended ${job.status}`);
}

/** `btsx plan` or `migrate` as docs/cli.md shows it, the servers reached through their delay proxies. */
function accountArgs(command: 'plan' | 'migrate', world: BenchWorld, pair: BenchPair): string[] {
  return [
    command,
    '--server',
    world.testbed.url,
    '--from',
    accountUrl(world.reached(0), pair.source.username),
    '--to',
    accountUrl(world.reached(1), pair.destination.username),
  ];
}

/** imap+plain://USER@HOST:PORT, the @ of the user name percent-encoded. */
function accountUrl(server: Pick<ImapTestServer, 'host' | 'port'>, username: string): string {
  return `imap+plain://${encodeURIComponent(username)}@${server.host}:${server.port}`;
}

/** Runs the bin in a child process, its output off a terminal (as in a pipe or a log). */
function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  // The bench's own swc settings are no part of a user's environment.
  const inherited = { ...process.env };
  delete inherited.SWC_NODE_PROJECT;
  delete inherited.BTSX_CLI_FROM_SOURCE;
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, [BTSX_BIN, ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill(), CLI_TIMEOUT_MS);
    let seconds = NaN;
    child.once('error', reject);
    // Timed at exit; 'close' comes once its output is read to the end.
    child.once('exit', () => (seconds = (performance.now() - started) / 1000));
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr, spawnedAt, seconds });
    });
  });
}

/** The run's phases in seconds, from the job's own times; they add up to the total. */
function phases(run: CliRun, job: JobView, lines: JobStatusLine[]): Record<string, number> {
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
  const lineAt = (pattern: RegExp) => at(lines.find((line) => pattern.test(line.message))?.at);
  const created = at(job.createdAt);
  const planned = lineAt(PLANNED_LINE);
  const firstCopy = lineAt(COPYING_LINE);
  const planEnd = Math.min(...[planned, firstCopy].filter((t) => !Number.isNaN(t)));
  const finished = at(job.finishedAt);
  // Without Verify the copy runs to the job's end.
  const auditAsked = job.audit?.trigger === 'automatic' ? at(job.audit.requestedAt) : finished;
  const exited = run.spawnedAt + run.seconds * 1000;
  const seconds = (from: number, to: number) => round((to - from) / 1000, 2);
  return {
    checkSeconds: seconds(run.spawnedAt, created),
    planSeconds: seconds(created, planEnd),
    copySeconds: seconds(planEnd, auditAsked),
    auditSeconds: seconds(auditAsked, finished),
    exitSeconds: seconds(finished, exited),
    totalSeconds: round(run.seconds, 2),
    plannedAfterCreated: seconds(created, planned),
    firstCopyAfterCreated: seconds(created, firstCopy),
  };
}
