// `npm run bench:cli`: how long `btsx --help` takes to return, each way a user can run the
// bin, once the CLI is built (npm start and the bench build it). Prints the median and the
// fastest of RUNS runs; never asserted anywhere (docs/performance.md has the figures).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const RUNS = 7;

/** The ways docs/cli.md names, from the fastest: `btsx` after `npm link` runs this same file. */
const WAYS = [
  { how: 'btsx (after npm link)', command: process.execPath, args: ['tools/btsx.mjs', '--help'] },
  { how: 'npm run btsx', command: 'npm', args: ['run', '--silent', 'btsx', '--', '--help'] },
  { how: 'npx btsx', command: 'npx', args: ['btsx', '--help'] },
];

function secondsOf(command: string, args: string[]): number {
  const started = performance.now();
  execFileSync(command, args, { stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

for (const { how, command, args } of WAYS) {
  const runs = Array.from({ length: RUNS }, () => secondsOf(command, args)).sort((a, b) => a - b);
  const median = runs[Math.floor(RUNS / 2)];
  console.log(`${how.padEnd(24)} median ${median.toFixed(2)} s, fastest ${runs[0].toFixed(2)} s`);
}
