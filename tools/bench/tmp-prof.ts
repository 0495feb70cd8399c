import { generateCorpus } from '@btsx/testing';
import { BenchWorld } from './bench-world';
async function main() {
  const world = await BenchWorld.start({ pairs: 1, copiers: 1, delayMs: 0 });
  try {
    const [pair] = world.pairs;
    await world.seed(pair, generateCorpus({ messages: 300, folders: 300, seed: 3 }));
    const run = await world.migrate([pair], { progressUpdates: true });
    console.log(run.seconds, run.cpuSeconds, run.jobs[0].status, run.jobs[0].counters);
  } finally {
    await world.stop();
  }
}
main();
