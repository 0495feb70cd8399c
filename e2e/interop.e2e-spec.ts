// The interop matrix: the whole system migrates one awkward mailbox (nested, non-ASCII and
// wildcard folder names, raw 8-bit headers, NUL bytes, a 1 MB header, a 2 MB message) between
// Dovecot with '/', Dovecot with the INBOX. prefix, Courier, Cyrus with '/' and with '.', and
// a Gmail-like Dovecot. Each destination is compared with the source message by message,
// namespace prefix set aside; what a server refuses or rewrites by design must be reported
// by the job (its failures and its audit), and nothing else may differ. Each job is planned
// first (POST /api/plans): the plan must name the folders, places and counts the job has.
// `npm test` runs every layout once as source and once as destination (with Dovecot '/');
// BTSX_INTEROP=all (`npm run test:interop`) runs every ordered pair; with it,
// BTSX_INTEROP_PAIR="Cyrus '.' -> Cyrus '.'" runs only the pair of that name.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  eachLayoutBothWays,
  everyPair,
  inParallel,
  interopFixture,
  InteropPair,
  InteropRun,
  InteropTestbed,
} from '@btsx/testing';

const OUTPUT = resolve('test-output/e2e/interop');
/** Jobs side by side: the system and the servers share two cores in CI. */
const RUNS_AT_ONCE = 6;
const MATRIX_TIMEOUT_MS = 15 * 60_000;

const pairName = ([from, to]: InteropPair) => `${from.name} -> ${to.name}`;
const ONLY_PAIR = process.env.BTSX_INTEROP_PAIR;
const PAIRS = (process.env.BTSX_INTEROP === 'all' ? everyPair() : eachLayoutBothWays()).filter(
  (pair) => !ONLY_PAIR || pairName(pair) === ONLY_PAIR,
);

describe('the interop matrix', () => {
  let testbed: InteropTestbed;
  const runs = new Map<string, InteropRun | Error>();

  beforeAll(async () => {
    const layouts = [...new Set(PAIRS.flat())];
    testbed = await InteropTestbed.start({ outputDir: OUTPUT }, layouts);
    const fixture = interopFixture();
    await inParallel(PAIRS, RUNS_AT_ONCE, async (pair) => {
      const run = await testbed.run(pair, fixture).catch((error: Error) => error);
      runs.set(pairName(pair), run);
    });
    // Each job's view and what the source refused while seeded, to read after a failure.
    writeFileSync(join(OUTPUT, 'runs.json'), JSON.stringify(Object.fromEntries(runs), null, 2));
  }, MATRIX_TIMEOUT_MS);

  afterAll(async () => {
    await testbed?.stop();
  });

  it.each(PAIRS.map((pair) => [pairName(pair)]))('%s', (name) => {
    const run = runs.get(name);
    if (run instanceof Error || run === undefined) throw run ?? new Error('did not run');
    expect(run.problems).toEqual([]);
  });
});
