// `npm run bench -- [--scenario mailbox|scale|memory|control|audit|cli|delta|limits]
// [--dest courier|cyrus]
// [--cluster] [options]`: runs BTSX (every service its own process) from a local Dovecot into a local
// Dovecot (or Courier, or Cyrus) and prints honest figures: a table,
// or JSON lines with --json. Every run ends with a message-by-message comparison of source and
// destination; a mismatch prints FAIL and no figures. See docs/performance.md.
import { parseArgs } from 'node:util';
import { printFigures } from './bench-report';
import { cli } from './cli-scenario';
import { delta } from './delta-scenario';
import { DESTINATION_KINDS, type DestinationKind } from './destination-server';
import { limits } from './limits-scenario';
import { audit, BenchFailure, type BenchArgs, control, mailbox, memory, scale } from './scenarios';

const SCENARIOS = { mailbox, scale, memory, control, audit, cli, delta, limits };

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'mailbox' },
    messages: { type: 'string' },
    folders: { type: 'string' },
    huge: { type: 'string', default: '0' },
    pairs: { type: 'string', default: '8' },
    copiers: { type: 'string' },
    slots: { type: 'string' },
    latency: { type: 'string', default: '0' },
    ceiling: { type: 'boolean', default: false },
    'big-mb': { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
    dest: { type: 'string', default: 'dovecot' },
    cluster: { type: 'boolean', default: false },
  },
});

/** Defaults per scenario: the figures the performance issue names. */
const DEFAULT_MESSAGES: Record<string, string> = {
  mailbox: '1000',
  scale: '250',
  memory: '20000',
  control: '10',
  audit: '200000',
  // Issue 18's mailbox: 512 messages in 16 folders (10 user folders, INBOX and 5 special-use).
  cli: '512',
  // Issue 21's delta pass: a 50,000-message mailbox, 10 new messages.
  delta: '50000',
  limits: '600',
};

const DEFAULT_FOLDERS: Record<string, string> = { cli: '10', delta: '10' };

async function main(): Promise<void> {
  const scenario = values.scenario ?? 'mailbox';
  if (!(scenario in SCENARIOS)) throw new Error(`Unknown scenario ${scenario}`);
  const destination = values.dest as DestinationKind;
  if (!DESTINATION_KINDS.includes(destination)) throw new Error(`Unknown --dest ${values.dest}`);
  const defaultCopiers = scenario === 'scale' ? '1,2,4' : '1';
  const args: BenchArgs = {
    messages: Number(values.messages ?? DEFAULT_MESSAGES[scenario]),
    folders: Number(values.folders ?? DEFAULT_FOLDERS[scenario] ?? '8'),
    huge: Number(values.huge),
    pairs: Number(values.pairs),
    copiers: (values.copiers ?? defaultCopiers).split(',').map(Number),
    delayMs: Number(values.latency),
    ceiling: values.ceiling ?? false,
    bigMb: Number(values['big-mb']),
    slots: values.slots ? Number(values.slots) : undefined,
    destination,
    natsCluster: values.cluster ?? false,
  };
  try {
    printFigures(await SCENARIOS[scenario as keyof typeof SCENARIOS](args), values.json ?? false);
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error;
    console.log(`FAIL: ${error.message}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
