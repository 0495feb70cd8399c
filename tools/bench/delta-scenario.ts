import type { JobView } from '@btsx/contracts';
import { withImapSession } from '@btsx/testing';
import type { BenchFigures } from './bench-report';
import { round } from './bench-report';
import type { BenchPair, BenchWorld } from './bench-world';
import {
  type BenchArgs,
  BenchFailure,
  checked,
  runFigures,
  smallLetters,
  withWorld,
  worldOptions,
} from './scenarios';

/** Letters that arrive at the source between the passes: issue 21's "10 new messages". */
const NEW_LETTERS = 10;

/**
 * A mailbox of `messages` small letters in `folders` folders copied whole, then ten letters
 * arriving in its INBOX and a delta pass copying them, its audit included: what a pass costs
 * when little changed. Both runs end with the message-by-message comparison.
 */
export function delta(args: BenchArgs): Promise<BenchFigures[]> {
  // Dovecot's maildir rescans a large folder at every APPEND: what would be measured.
  const options = { ...worldOptions(args, 1), destinationFormat: 'mdbox' as const };
  return withWorld(options, async (world) => {
    const [pair] = world.pairs;
    const size = await deliverFolders(world, pair, args);
    const first = await checked(world, [pair], await world.migrate([pair]));
    const label = `${args.messages} messages in ${args.folders} folders`;
    const full = runFigures('delta', `${label}: first pass`, world, first, size);
    full.extra = phases(first.jobs[0]);
    await arrive(world, pair, args.messages);
    const pass = await checked(world, [pair], await world.deltaPass(pair, first.jobs[0]));
    const job = pass.jobs[0];
    if (job.counters.copied !== NEW_LETTERS) {
      throw new BenchFailure(`The delta pass copied ${job.counters.copied}, not ${NEW_LETTERS}`);
    }
    const deltaFigures = runFigures(
      'delta',
      `${label}: delta pass, ${NEW_LETTERS} new`,
      world,
      pass,
      size,
    );
    deltaFigures.extra = phases(job);
    return [full, deltaFigures];
  });
}

/** The letters spread over INBOX and `folders - 1` others, straight into the source's maildir. */
async function deliverFolders(world: BenchWorld, pair: BenchPair, args: BenchArgs) {
  const folders = Math.max(1, args.folders);
  const each = Math.ceil(args.messages / folders);
  const size = { messages: 0, bytes: 0 };
  for (let n = 0; n < folders; n++) {
    const count = Math.min(each, args.messages - n * each);
    const segments = n === 0 ? [] : [`Folder ${n}`];
    const written = await world.deliver(pair, smallLetters(count, n * each), segments);
    size.messages += written.messages;
    size.bytes += written.bytes;
  }
  return size;
}

/** New letters APPENDed to the source's INBOX, as mail arriving would be. */
async function arrive(world: BenchWorld, pair: BenchPair, numberedFrom: number): Promise<void> {
  await withImapSession(world.testbed.source, pair.source, async (client) => {
    for (const raw of smallLetters(NEW_LETTERS, numberedFrom)) await client.append('INBOX', raw);
  });
}

/** Where a job's seconds went: planning (to its plan), copying, and its audit. */
function phases(job: JobView): Record<string, number> {
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
  const created = at(job.createdAt);
  const auditStart = at(job.audit?.requestedAt);
  const end = at(job.finishedAt);
  return {
    startToCopyEndSeconds: round((auditStart - created) / 1000, 2),
    auditSeconds: round((at(job.audit?.finishedAt) - auditStart) / 1000, 2),
    totalSeconds: round((end - created) / 1000, 2),
  };
}
