import { generateCorpus } from '../corpus';
import { inParallel } from '../in-parallel';
import { compareMailboxes } from '../mailbox-compare';
import { seedMailbox } from '../mailbox-seed';
import { readMailbox } from '../mailbox-snapshot';
import type { MailboxPair } from './batch-csv';
import { MigrationTestbed } from './migration-testbed';

/** Mailboxes seeded or read at once: Dovecot and the machine stay responsive. */
const MAILBOXES_AT_ONCE = 8;

export interface BatchTestbedOptions {
  outputDir: string;
  pairs: MailboxPair[];
  /** The admin account the orchestrator creates at boot. */
  admin: { email: string; password: string };
  /** Each pair's source gets `generateCorpus` of these, seeded by the pair's position. */
  corpus: { messages: number; folders: number; firstSeed: number };
  /** More orchestrator settings. */
  orchestratorEnv?: Record<string, string>;
}

/**
 * A testbed for batches: every pair's users on their servers (the destination with '.' as
 * its separator), each source seeded with its own corpus, and an admin account.
 */
export async function startBatchTestbed(options: BatchTestbedOptions): Promise<MigrationTestbed> {
  const { pairs, admin, corpus } = options;
  const testbed = await MigrationTestbed.start({
    outputDir: options.outputDir,
    source: { users: pairs.map(([from]) => from) },
    destination: { users: pairs.map(([, to]) => to), separator: '.' },
    serviceEnv: {
      orchestrator: {
        BTSX_ADMIN_EMAIL: admin.email,
        BTSX_ADMIN_PASSWORD: admin.password,
        ...options.orchestratorEnv,
      },
    },
  });
  await inParallel(pairs, MAILBOXES_AT_ONCE, async ([from], i) => {
    const { messages, folders, firstSeed } = corpus;
    await seedMailbox(
      testbed.source,
      from,
      generateCorpus({ messages, folders, seed: firstSeed + i }),
    );
  });
  return testbed;
}

/** How each pair's destination differs from its source, message by message: [] when copied. */
export async function pairDifferences(
  testbed: MigrationTestbed,
  pairs: MailboxPair[],
): Promise<{ source: string; differences: string[] }[]> {
  const found: { source: string; differences: string[] }[] = [];
  await inParallel(pairs, MAILBOXES_AT_ONCE, async ([from, to]) => {
    const [a, b] = await Promise.all([
      readMailbox(testbed.source, from),
      readMailbox(testbed.destination, to),
    ]);
    const differences = compareMailboxes(a, b);
    if (differences.length > 0) found.push({ source: from.username, differences });
  });
  return found;
}
