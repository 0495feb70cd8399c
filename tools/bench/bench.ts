// `npm run bench -- [--messages N] [--folders N] [--copiers N] [--latency MS] [--json]`: migrates a
// generated mailbox between two local Dovecot servers through the whole system (every
// service its own process) and prints honest figures. A mismatch prints FAIL, no figures.
import {
  compareMailboxes,
  DovecotServer,
  generateCorpus,
  MigrationTestbed,
  readMailbox,
  seedMailbox,
  startDelayProxy,
} from '@btsx/testing';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateThroughApi } from './migrate-through-api';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    folders: { type: 'string', default: '8' },
    copiers: { type: 'string', default: '1' },
    latency: { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const messages = Number(args.messages);
  const user = { username: 'bench@source.test', password: 'bench-source' };
  const target = { username: 'bench@dest.test', password: 'bench-dest' };
  const testbed = await MigrationTestbed.start({
    outputDir: resolve('test-output/bench'),
    source: { users: [user], separator: '/' },
    destination: { users: [target], separator: '.' },
    copiers: Number(args.copiers),
  });
  const { source, destination } = testbed;
  const delayMs = Number(args.latency);
  // BTSX reaches both servers through delay proxies (delay each way); the test reads them direct.
  const proxies = await Promise.all(
    [source, destination].map((server) =>
      delayMs > 0 ? startDelayProxy({ target: server, delayMs }) : null,
    ),
  );
  const through = (server: DovecotServer, index: number): DovecotServer =>
    proxies[index] ? { ...server, host: proxies[index].host, port: proxies[index].port } : server;
  try {
    const corpus = generateCorpus({ messages, folders: Number(args.folders), seed: 1 });
    await seedMailbox(source, user, corpus);
    const bytes = corpus.flatMap((f) => f.messages).reduce((n, m) => n + m.raw.length, 0);
    const started = performance.now();
    const job = await migrateThroughApi(
      testbed.url,
      { server: through(source, 0), user },
      { server: through(destination, 1), user: target },
    );
    const seconds = (performance.now() - started) / 1000;
    const differences = compareMailboxes(
      await readMailbox(source, user),
      await readMailbox(destination, target),
    );
    if (job.status !== 'completed' || differences.length > 0) {
      console.log(`FAIL: job ${job.status}; ${differences.length} differences`);
      console.log(differences.slice(0, 20).join('\n'));
      process.exitCode = 1;
      return;
    }
    const figures = {
      messages,
      megabytes: +(bytes / 1e6).toFixed(1),
      seconds: +seconds.toFixed(2),
      messagesPerSecond: +(messages / seconds).toFixed(1),
      megabytesPerSecond: +(bytes / 1e6 / seconds).toFixed(2),
      copiers: Number(args.copiers),
      latencyMs: 2 * delayMs,
      cores: cpus().length,
    };
    if (args.json) console.log(JSON.stringify(figures));
    else console.table([figures]);
  } finally {
    await Promise.all(proxies.map((proxy) => proxy?.stop()));
    await testbed.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
