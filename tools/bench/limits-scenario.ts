import type { JobOptions } from '@btsx/contracts';
import { generateCorpus } from '@btsx/testing';
import type { BenchFigures } from './bench-report';
import { corpusSize } from './bench-world';
import { type BenchArgs, checked, runFigures, withWorld, worldOptions } from './scenarios';

/** Limits well below what the loopback servers reach (about 10 MB/s here), so they bind. */
const BYTES_PER_SECOND = 2 * 1024 * 1024;
const MESSAGES_PER_SECOND = 40;

/**
 * The same mailbox copied without a limit and with each speed limit (`options.limits`), each
 * into an account of its own: how close a job keeps to the limit it was given. The seconds
 * are the whole job's (planning and the audit included), so the rates read a little under it.
 */
export function limits(args: BenchArgs): Promise<BenchFigures[]> {
  const runs: [string, Partial<JobOptions>][] = [
    ['no limit', {}],
    ['at most 2 MiB/s', { limits: { bytesPerSecond: BYTES_PER_SECOND } }],
    [
      `at most ${MESSAGES_PER_SECOND} messages/s`,
      { limits: { messagesPerSecond: MESSAGES_PER_SECOND } },
    ],
  ];
  return withWorld(worldOptions(args, runs.length), async (world) => {
    const corpus = generateCorpus({ messages: args.messages, folders: args.folders, seed: 1 });
    await Promise.all(world.pairs.map((pair) => world.seed(pair, corpus)));
    const results: BenchFigures[] = [];
    for (const [n, [label, options]] of runs.entries()) {
      const pair = world.pairs[n];
      const run = await checked(world, [pair], await world.migrate([pair], options));
      results.push(runFigures('limits', label, world, run, corpusSize(corpus)));
    }
    return results;
  });
}
