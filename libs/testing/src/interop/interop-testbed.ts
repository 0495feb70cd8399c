import { randomBytes } from 'node:crypto';
import type { JobView, PlanView } from '@btsx/contracts';
import type { ImapTestServer, ImapTestUser } from '../imap-test-server';
import type { FixtureFolder } from '../mailbox-fixture';
import { seedMailbox } from '../mailbox-seed';
import { readMailbox, type MailboxSnapshot } from '../mailbox-snapshot';
import { BtsxApiClient } from '../system/btsx-api-client';
import { UNLIMITED_SIGN_INS } from '../system/fault-testbed';
import {
  startTestSystem,
  stopTestSystem,
  type TestSystem,
  type TestSystemOptions,
} from '../system/test-system';
import { expectedCopy, INTEROP_FOLDER_RULE, INTEROP_MESSAGE_FILTER } from './expected-copy';
import type { InteropLayout, InteropPair } from './interop-layouts';
import { deltaProblems } from './interop-delta';
import { interopProblems } from './interop-problems';

const ACCOUNT_SUFFIX_BYTES = 4;
/** A job of the interop fixture ends within this on a loaded machine, even a dozen at once. */
const JOB_TIMEOUT_MS = 300_000;

/** One account on one layout's server. */
export interface InteropAccount {
  server: ImapTestServer;
  user: ImapTestUser;
}

/** What one run of the matrix found; `problems` is empty when all is as documented. */
export interface InteropRun {
  /** What POST /api/plans said the job would do, before it started. */
  plan: PlanView;
  job: JobView;
  /** The job once Verify (deep) ended: its audit compared every message's bytes. */
  audited: JobView;
  /** Folders and messages the source would not take while it was seeded. */
  seedRefusals: string[];
  problems: string[];
}

/**
 * The whole system once, and one server of each layout the matrix uses, so every pair runs
 * on its own accounts side by side.
 */
export class InteropTestbed {
  private constructor(
    private readonly testSystem: TestSystem,
    private readonly servers: Map<InteropLayout, ImapTestServer>,
  ) {}

  static async start(
    options: TestSystemOptions,
    layouts: readonly InteropLayout[],
  ): Promise<InteropTestbed> {
    // Every pair signs in four times (the job, then Verify (deep)): 36 pairs pass the limit.
    const auth = { ...UNLIMITED_SIGN_INS, ...options.serviceEnv?.auth };
    const [testSystem, ...servers] = await Promise.all([
      startTestSystem({ ...options, serviceEnv: { ...options.serviceEnv, auth } }),
      ...layouts.map((layout) => layout.start()),
    ]);
    return new InteropTestbed(
      testSystem as TestSystem,
      new Map(layouts.map((layout, i) => [layout, servers[i] as ImapTestServer])),
    );
  }

  get api(): BtsxApiClient {
    return new BtsxApiClient(this.testSystem.system.url);
  }

  /** A new account: Courier's are machine-wide, so each name is unique to this run. */
  async account(layout: InteropLayout, role: string): Promise<InteropAccount> {
    const server = this.server(layout);
    const suffix = randomBytes(ACCOUNT_SUFFIX_BYTES).toString('hex');
    const user = { username: `${role}-${suffix}@interop.test`, password: `pw-${suffix}` };
    await server.addUser(user);
    return { server, user };
  }

  /**
   * Seeds `fixture` into a new source account, migrates it to a new destination account
   * and compares the result with what the destination's documented habits allow; then runs
   * a delta pass after a letter arrived and another was flagged.
   */
  async run([from, to]: InteropPair, fixture: FixtureFolder[]): Promise<InteropRun> {
    const [source, destination] = await Promise.all([
      this.account(from, 'from'),
      this.account(to, 'to'),
    ]);
    const seedRefusals: string[] = [];
    await seedMailbox(source.server, source.user, fixture, {
      onRefused: (what, error) => seedRefusals.push(`${what}: ${String(error)}`),
    });
    const sourceMail = withIntendedSpecialUse(
      await readMailbox(source.server, source.user, { keepSource: true }),
      fixture,
    );
    const expected = expectedCopy(sourceMail, from, to, destination.server.separator);
    // One client: its session is the one the tokens were given to.
    const api = this.api;
    const tokens = await api.signIn(source, destination);
    const options = {
      progressUpdates: true,
      folders: { map: [INTEROP_FOLDER_RULE] },
      messages: INTEROP_MESSAGE_FILTER,
    };
    const plan = await api.planJob(tokens, options);
    const id = await api.startJobWith(tokens, options);
    const job = await this.api.waitForEnd(id, JOB_TIMEOUT_MS);
    const audited = await this.deepAudit(job, source, destination);
    const copied = await readMailbox(destination.server, destination.user);
    const lines = await this.api.statusLines(id);
    const problems = [
      ...interopProblems(expected, plan, job, audited, copied, lines, to.views),
      ...(await deltaProblems(this.api, job, source, destination, JOB_TIMEOUT_MS)),
    ];
    return { plan, job, audited, seedRefusals, problems };
  }

  /**
   * The job after Verify (deep): the automatic audit compares contents only where identity
   * headers leave doubt, so a rewrite that keeps them (NUL to 0x80) is only seen this way.
   */
  private async deepAudit(job: JobView, from: InteropAccount, to: InteropAccount) {
    const { audit } = await this.api.verifyJob(job.id, from, to, { deep: true });
    if (!audit) throw new Error(`Job ${job.id}: Verify (deep) started no audit`);
    return this.api.waitForAudit(job.id, audit.id, JOB_TIMEOUT_MS);
  }

  private server(layout: InteropLayout): ImapTestServer {
    const server = this.servers.get(layout);
    if (!server) throw new Error(`${layout.name} was not started`);
    return server;
  }

  async stop(): Promise<void> {
    await stopTestSystem(this.testSystem);
    await Promise.all([...this.servers.values()].map((server) => server.stop()));
  }
}

/**
 * Each folder with the special use the fixture gave it, where the server has no SPECIAL-USE
 * (Courier) or made none (Cyrus): BTSX then guesses it from the name, as imapflow does.
 */
function withIntendedSpecialUse(
  source: MailboxSnapshot,
  fixture: FixtureFolder[],
): MailboxSnapshot {
  return source.map((folder) => {
    const specialUse = fixture.find((f) => f.path === folder.path)?.specialUse;
    return folder.specialUse || !specialUse ? folder : { ...folder, specialUse };
  });
}
