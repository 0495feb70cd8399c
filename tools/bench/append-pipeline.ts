// `node tools/run-ts.mjs tools/bench/append-pipeline.ts [--latency MS] [--messages N]`:
// APPENDs N generated messages into a local Dovecot behind a delay proxy (MS added each way),
// once with imapflow's appendMessage on one connection, once with the pipelined writer on one
// connection, checks both INBOXes byte for byte, and prints messages per second.
import type { ImapLogin } from '@btsx/contracts';
import { appendMessage, openImapSession, openPipelinedAppender } from '@btsx/imap';
import {
  generateCorpus,
  readMailbox,
  startDelayProxy,
  startDovecot,
  type DovecotUser,
  type FixtureMessage,
} from '@btsx/testing';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    latency: { type: 'string', default: '20' },
    messages: { type: 'string', default: '500' },
  },
});
const OPTIONS = { allowPrivateHosts: true };
const FOLDER = 'INBOX';

async function main(): Promise<void> {
  const latency = Number(args.latency);
  const count = Number(args.messages);
  const flowUser = { username: 'imapflow@bench.test', password: 'bench-imapflow' };
  const pipeUser = { username: 'pipeline@bench.test', password: 'bench-pipeline' };
  const server = await startDovecot({ users: [flowUser, pipeUser] });
  const proxy = await startDelayProxy({ target: server, delayMs: latency });
  const login = (user: DovecotUser): ImapLogin => ({
    host: proxy.host,
    port: proxy.port,
    security: 'none',
    verifyCertificate: true,
    ...user,
  });
  try {
    const messages = generateCorpus({ messages: count, seed: 1 })
      .flatMap((folder) => folder.messages)
      .slice(0, count);
    const megabytes = messages.reduce((n, m) => n + m.raw.length, 0) / 1e6;

    const session = await openImapSession(login(flowUser), OPTIONS);
    await session.openFolder(FOLDER, false);
    const flowSeconds = await timed(async () => {
      for (const m of messages) {
        await appendMessage(session, FOLDER, m.raw, m.flags, m.internalDate);
      }
    });
    await session.close();

    const appender = await openPipelinedAppender(login(pipeUser), FOLDER, OPTIONS);
    const pipeSeconds = await timed(async () => {
      // Settle each append as it is sent: an unobserved rejection would end the process.
      const results: Promise<PromiseSettledResult<unknown>>[] = [];
      for (const m of messages) {
        await appender.whenWritable();
        const sent = appender.append(m.raw, m.flags, m.internalDate);
        results.push(Promise.allSettled([sent]).then(([result]) => result));
      }
      const failed = (await Promise.all(results)).filter((r) => r.status === 'rejected');
      if (failed.length > 0) throw (failed[0] as PromiseRejectedResult).reason;
    });
    await appender.close();

    for (const user of [flowUser, pipeUser]) {
      if (!(await arrivedIntact(server, user, messages))) {
        console.log(`FAIL: ${user.username}'s INBOX does not match what was sent`);
        process.exitCode = 1;
        return;
      }
    }
    const rate = (seconds: number) => (count / seconds).toFixed(1);
    console.log(
      `${count} messages, ${megabytes.toFixed(1)} MB, ${latency} ms each way (${2 * latency} ms round trip), 1 connection each`,
    );
    console.log(`imapflow appendMessage: ${flowSeconds.toFixed(2)} s, ${rate(flowSeconds)} msg/s`);
    console.log(`pipelined appender:     ${pipeSeconds.toFixed(2)} s, ${rate(pipeSeconds)} msg/s`);
    console.log(`speed-up: ${(flowSeconds / pipeSeconds).toFixed(1)}x`);
  } finally {
    await proxy.stop();
    await server.stop();
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

async function arrivedIntact(
  server: Awaited<ReturnType<typeof startDovecot>>,
  user: DovecotUser,
  messages: FixtureMessage[],
): Promise<boolean> {
  const inbox = (await readMailbox(server, user)).find((f) => f.path === FOLDER);
  const sha = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');
  const got = inbox?.messages.map((m) => `${m.sha256} ${m.flags.join(',')} ${m.internalDate}`);
  const want = messages.map(
    (m) =>
      `${sha(m.raw)} ${m.flags
        .filter((f) => f !== '\\Recent')
        .sort()
        .join(',')} ${Math.floor(m.internalDate.getTime() / 1000)}`,
  );
  return JSON.stringify(got) === JSON.stringify(want);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
