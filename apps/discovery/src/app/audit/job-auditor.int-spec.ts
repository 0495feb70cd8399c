import {
  AuditFinding,
  AuditFolderRequest,
  FolderAudit,
  JobAuditRequested,
  jobLogins,
} from '@btsx/contracts';
import { ImapSession, openImapSession, readIdentities, withReaderPair } from '@btsx/imap';
import {
  DovecotServer,
  DovecotUser,
  FixtureFolder,
  generateCorpus,
  seedMailbox,
  startDovecot,
  withImapSession,
} from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import type { OpenReaders, OpenSessions } from '../job-sessions';
import type { ReportSink } from './folder-report';
import { AUDIT_SPREAD, JobAuditor } from './job-auditor';

/** The report as the orchestrator would store it: every part, in the order written. */
class CollectedReport implements ReportSink {
  readonly rows: AuditFinding[] = [];
  async write(findings: AuditFinding[]): Promise<void> {
    this.rows.push(...findings);
  }
}

const alice = { username: 'alice@source.test', password: 'alice-pw' };
const bob = { username: 'bob@dest.test', password: 'bob-pw' };

const loginOf = (server: DovecotServer, user: DovecotUser) => ({
  host: server.host,
  port: server.port,
  security: 'none' as const,
  verifyCertificate: true,
  ...user,
});

function open(server: DovecotServer, user: DovecotUser): Promise<ImapSession> {
  return openImapSession(loginOf(server, user), { allowPrivateHosts: true });
}

/** Pipelined readers per pair, as JobSessions gives a helper; `opened` counts the pairs. */
function readersOf(
  [sourceServer, sourceUser]: [DovecotServer, DovecotUser],
  [destinationServer, destinationUser]: [DovecotServer, DovecotUser],
  opened = { pairs: 0 },
): OpenReaders {
  const logins = {
    source: loginOf(sourceServer, sourceUser),
    destination: loginOf(destinationServer, destinationUser),
  };
  return (work) => {
    opened.pairs++;
    const resolveLogin = async (side: keyof typeof logins) => logins[side];
    return withReaderPair({ resolveLogin, allowPrivateHosts: true }, work);
  };
}

/** Fresh logins per pair, as JobSessions gives them; `opened` counts the pairs. */
function pairsOf(
  [sourceServer, sourceUser]: [DovecotServer, DovecotUser],
  [destinationServer, destinationUser]: [DovecotServer, DovecotUser],
  opened = { pairs: 0 },
): OpenSessions {
  return async (work) => {
    opened.pairs++;
    const pair = await Promise.all([
      open(sourceServer, sourceUser),
      open(destinationServer, destinationUser),
    ]);
    try {
      return await work(...pair);
    } finally {
      await Promise.all(pair.map((session) => session.close()));
    }
  };
}

function request(folders: AuditFolderRequest[], deleteSource = false): JobAuditRequested {
  const jobId = randomUUID();
  return {
    auditId: randomUUID(),
    jobId,
    logins: jobLogins(jobId),
    deleteSource,
    folders,
  };
}

/** A folder pair as a plan of today carries it: the destination shows only its own messages. */
function pair(path: string, destination = path, refusedUids: number[] = []): AuditFolderRequest {
  return { source: path, destination, refusedUids, destinationIsView: false };
}

/** The folder as a job planned before the plan told the audit anything carries it. */
function unplanned(folder: AuditFolderRequest): AuditFolderRequest {
  const { source, destination, refusedUids, notCreated } = folder;
  return { source, destination, refusedUids, notCreated };
}

function message(subject: string, messageId?: string): Buffer {
  const id = messageId ? `Message-ID: <${messageId}>\r\n` : '';
  return Buffer.from(`${id}From: a@b.test\r\nSubject: ${subject}\r\n\r\n${subject}\r\n`);
}

/** The UID of the first message of `folder` whose identity starts with `prefix`. */
async function uidOf(session: ImapSession, folder: string, prefix: string): Promise<number> {
  for (const [identity, messages] of await readIdentities(session, folder)) {
    if (identity.startsWith(prefix)) return messages[0].uid;
  }
  throw new Error(`No message like ${prefix} in ${folder}`);
}

/** Expunges one message as another client would, over a connection of libs/testing. */
async function expunge(
  server: DovecotServer,
  user: DovecotUser,
  folder: string,
  uid: number,
): Promise<void> {
  await withImapSession(server, user, async (client) => {
    await client.mailboxOpen(folder);
    await client.messageDelete(String(uid), { uid: true });
  });
}

describe('JobAuditor against real Dovecot servers', () => {
  let source: DovecotServer;
  let destination: DovecotServer;
  let sessions: ImapSession[];
  let corpus: FixtureFolder[];

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [alice] }),
      startDovecot({ users: [bob] }),
    ]);
    corpus = generateCorpus({ messages: 40, folders: 2, seed: 11 });
    // The destination starts as a faithful copy; each test then breaks it in one way.
    await Promise.all([seedMailbox(source, alice, corpus), seedMailbox(destination, bob, corpus)]);
    sessions = [await open(source, alice), await open(destination, bob)];
    await withImapSession(source, alice, (client) => client.append('INBOX', message('no id')));
    await withImapSession(destination, bob, (client) => client.append('INBOX', message('no id')));
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([source.stop(), destination.stop()]);
  });

  /** Helpers always, as at a distance; on loopback the first pair alone would not ask for them. */
  const spread = { ...AUDIT_SPREAD, helpAfterMs: 0 };
  const audit = (
    req: JobAuditRequested,
    opened?: { pairs: number },
    report: ReportSink = new CollectedReport(),
  ): Promise<FolderAudit[]> =>
    new JobAuditor(
      pairsOf([source, alice], [destination, bob], opened),
      new AbortController().signal,
      report,
      // The helpers read over pipelined readers, several folders at once, as in production.
      { spread, readers: readersOf([source, alice], [destination, bob], opened) },
    ).audit(req);
  const folders = () => corpus.map((f) => pair(f.path));

  it('reads the folders over several session pairs and answers in the request order', async () => {
    const many = [...folders(), ...folders(), ...folders()];
    const opened = { pairs: 0 };
    const result = await audit(request(many), opened);
    expect(opened.pairs).toBe(AUDIT_SPREAD.pairs);
    expect(result.map((f) => f.source)).toEqual(many.map((f) => f.source));
  });

  it('needs only one pair that logs in: a helper that cannot does not stop the audit', async () => {
    let calls = 0;
    const working = pairsOf([source, alice], [destination, bob]);
    const failingHelpers: OpenSessions = (work, leaseWait) =>
      calls++ === 0 ? working(work, leaseWait) : Promise.reject(new Error('too many sessions'));
    const auditor = new JobAuditor(
      failingHelpers,
      new AbortController().signal,
      new CollectedReport(),
      {
        spread,
      },
    );
    const result = await auditor.audit(request(folders()));
    expect(result.map((f) => f.missing)).toEqual(folders().map(() => 0));
  });

  it('reads over one pair when the first logged in quickly: a helper would cost a login', async () => {
    const opened = { pairs: 0 };
    const pairs = pairsOf([source, alice], [destination, bob], opened);
    const quickly = { ...AUDIT_SPREAD, helpAfterMs: 60_000 };
    const auditor = new JobAuditor(pairs, new AbortController().signal, new CollectedReport(), {
      spread: quickly,
    });
    const result = await auditor.audit(request([...folders(), ...folders()]));
    expect(result).toHaveLength(2 * corpus.length);
    expect(opened.pairs).toBe(1);
  });

  it('fails as a whole, to be delivered again, when its connections drop', async () => {
    const working = pairsOf([source, alice], [destination, bob]);
    const dropping: OpenSessions = (work, leaseWait) =>
      working(async (src, dst) => {
        await dst.close();
        return work(src, dst);
      }, leaseWait);
    const auditor = new JobAuditor(dropping, new AbortController().signal, new CollectedReport());
    await expect(auditor.audit(request(folders()))).rejects.toThrow();
  });

  it('finds nothing to report in a faithful copy', async () => {
    const result = await audit(request(folders()));
    expect(result).toHaveLength(corpus.length);
    for (const folder of result) {
      expect(folder).toMatchObject({ missing: 0, refused: 0, extra: 0, flagDifferences: 0 });
    }
  });

  it('finds a missing message with a Message-ID, one without, an extra and a changed flag', async () => {
    const [src, dst] = sessions;
    const withId = await uidOf(src, 'INBOX', 'mid:');
    const withoutId = await uidOf(src, 'INBOX', 'sha256:');
    const identities = await readIdentities(src, 'INBOX');
    const key = (uid: number) => [...identities].find(([, list]) => list[0].uid === uid)![0];
    const destinationIdentities = await readIdentities(dst, 'INBOX');
    for (const uid of [withId, withoutId]) {
      await expunge(destination, bob, 'INBOX', destinationIdentities.get(key(uid))![0].uid);
    }
    await withImapSession(destination, bob, (client) =>
      client.append('Sent', message('only at the destination', 'extra@dest.test')),
    );
    const flagged = (await readIdentities(dst, 'Sent')).values().next().value![0];
    await withImapSession(destination, bob, async (client) => {
      await client.mailboxOpen('Sent');
      await client.messageFlagsSet(String(flagged.uid), ['$Audited'], { uid: true });
    });

    const report = new CollectedReport();
    const result = await audit(request(folders()), undefined, report);
    const inbox = result.find((f) => f.source === 'INBOX')!;
    expect(inbox.missing).toBe(2);
    const missing = report.rows.filter((row) => row.kind === 'missing');
    expect(missing.map((row) => row.sourceUid).sort()).toEqual([withId, withoutId].sort());
    for (const row of missing) {
      expect(row).toMatchObject({ sourceFolder: 'INBOX', destinationFolder: 'INBOX' });
      expect(row.subject).toBeTruthy();
      expect(Date.parse(row.date!)).not.toBeNaN();
    }
    expect(report.rows.find((row) => row.kind === 'extra')).toMatchObject({
      sourceFolder: 'Sent',
      messageId: '<extra@dest.test>',
      subject: 'only at the destination',
    });
    expect(inbox.samples.missing.map((m) => m.uid).sort()).toEqual([withId, withoutId].sort());
    expect(inbox.samples.missing.find((m) => m.uid === withoutId)?.messageId).toBeUndefined();
    const sent = result.find((f) => f.source === 'Sent')!;
    expect(sent.extra).toBe(1);
    expect(sent.samples.extra[0].messageId).toBe('<extra@dest.test>');
    expect(sent.flagDifferences).toBe(1);
    expect(sent.samples.flags[0]).toMatchObject({
      destinationUid: flagged.uid,
      destinationFlags: ['$audited'],
    });
  });

  it('reports a recorded refusal as refused and a vanished destination folder as all missing', async () => {
    const inbox = await readIdentities(sessions[0], 'INBOX');
    const everyUid = [...inbox.values()].flat().map((m) => m.uid);
    const result = await audit(
      request([pair('INBOX', 'INBOX', everyUid), pair('Sent', 'Gone/Never Created')]),
    );
    expect(result[0]).toMatchObject({ missing: 0, refused: 2 });
    const sentCount = corpus.find((f) => f.path === 'Sent')!.messages.length;
    expect(result[1]).toMatchObject({ missing: sentCount, extra: 0 });
  });

  it('reports a source folder that vanished as not verified', async () => {
    const [result] = await audit(request([pair('No Such Folder')]));
    expect(result.error).toBe('The source folder no longer exists');
  });

  it('reports a folder the destination refused to create as not verified, not as missing', async () => {
    const refused = { ...pair('Sent', 'Gone/Never Created'), notCreated: 'Folder "x": No' };
    const [result] = await audit(request([refused]));
    expect(result).toMatchObject({ missing: 0, refused: 0, extra: 0, flagDifferences: 0 });
    expect(result.error).toBe(
      'Not verified: the destination refused to create it (Folder "x": No)',
    );
  });

  it('tells a copy the destination rewrote from a different letter with the same Message-ID', async () => {
    // Raw 8-bit header bytes, as Cyrus's munge8bit stores them: same size, other bytes.
    const letter = (subject: string, body: string) =>
      Buffer.from(
        `Message-ID: <twin@list.test>\r\nSubject: ${subject}\r\n\r\n${body}\r\n`,
        'latin1',
      );
    await withImapSession(source, alice, async (client) => {
      await client.mailboxCreate('Twins');
      await client.append('Twins', letter('caf\xe9', 'the source letter'));
      await client.append('Twins', letter('caf\xe9', 'one more, lost...'));
    });
    await withImapSession(destination, bob, async (client) => {
      await client.mailboxCreate('Twins');
      await client.append('Twins', letter('cafX', 'the source letter'));
      await client.append('Twins', letter('caf\xe9', 'another letter!!!'));
    });

    const quick = new CollectedReport();
    const [twins] = await audit(request([pair('Twins')]), undefined, quick);
    // Three letters of one size and Message-ID: only their bytes can pair them.
    expect(twins).toMatchObject({ missing: 1, changed: 1, extra: 1 });
    const deep = new CollectedReport();
    const [deeply] = await audit({ ...request([pair('Twins')]), deep: true }, undefined, deep);
    expect(deeply).toMatchObject({ missing: 1, changed: 1, extra: 1 });
    expect(deep.rows.find((row) => row.kind === 'changed')).toMatchObject({
      sourceUid: 1,
      destinationUid: 1,
      subject: 'café',
      messageId: '<twin@list.test>',
    });
    expect(deep.rows.find((row) => row.kind === 'missing')?.sourceUid).toBe(2);
    expect(deep.rows.find((row) => row.kind === 'extra')?.destinationUid).toBe(2);
  });

  it('deep, finds a letter missing behind another of the same Message-ID and size', async () => {
    const letter = (body: string) =>
      Buffer.from(`Message-ID: <same@list.test>\r\nSubject: s\r\n\r\n${body}\r\n`);
    await withImapSession(source, alice, async (client) => {
      await client.mailboxCreate('Lookalike');
      await client.append('Lookalike', letter('mine'));
    });
    await withImapSession(destination, bob, async (client) => {
      await client.mailboxCreate('Lookalike');
      await client.append('Lookalike', letter('your'));
    });
    const [quick] = await audit(request([pair('Lookalike')]));
    expect(quick).toMatchObject({ missing: 0, extra: 0 });
    const [deep] = await audit({ ...request([pair('Lookalike')]), deep: true });
    expect(deep).toMatchObject({ missing: 1, extra: 1 });
  });

  it('does not count extras when Delete Source moved the source away', async () => {
    const result = await audit(request(folders(), true));
    expect(result.find((f) => f.source === 'Sent')?.extra).toBeNull();
  });
});

describe('JobAuditor with a Gmail source', () => {
  const gmail = { username: 'gmail@test.local', password: 'pw' };
  let source: DovecotServer;
  let destination: DovecotServer;
  let sessions: ImapSession[];

  beforeAll(async () => {
    [source, destination] = await Promise.all([
      startDovecot({ users: [gmail], gmailLayout: true }),
      startDovecot({ users: [bob] }),
    ]);
    sessions = [await open(source, gmail), await open(destination, bob)];
    await withImapSession(source, gmail, async (client) => {
      await client.mailboxCreate('Work');
      await client.append('INBOX', message('in inbox', 'inbox@gmail.test'));
      await client.append('Work', message('labelled', 'work@gmail.test'));
      await client.append('[Gmail]/All Mail', message('archived', 'archived@gmail.test'));
    });
    // What the copy made: labels as folders, and only the archived message in Archive.
    await withImapSession(destination, bob, async (client) => {
      await client.mailboxCreate('Work');
      await client.mailboxCreate('Archive');
      await client.append('INBOX', message('in inbox', 'inbox@gmail.test'));
      await client.append('Work', message('labelled', 'work@gmail.test'));
      await client.append('Archive', message('archived', 'archived@gmail.test'));
    });
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await Promise.all([source.stop(), destination.stop()]);
  });

  /** As the planner plans them: All Mail's copy leaves out the labels' messages. */
  const gmailFolders = () => [
    pair('INBOX'),
    pair('Work'),
    { ...pair('[Gmail]/All Mail', 'Archive'), skipMessagesIn: ['INBOX', 'Work'] },
  ];
  const audit = (folders = gmailFolders()) =>
    new JobAuditor(
      pairsOf([source, gmail], [destination, bob]),
      new AbortController().signal,
      new CollectedReport(),
    ).audit(request(folders));

  it('does not report All Mail messages that went with their labels as missing', async () => {
    const allMail = (await audit()).find((f) => f.source === '[Gmail]/All Mail')!;
    expect(allMail).toMatchObject({ missing: 0, extra: 0 });
  });

  it('leaves out of All Mail what the plan says it left out, when the request carries it', async () => {
    // Only Work named: the INBOX message, which All Mail also holds, is then All Mail's own.
    const folders = gmailFolders().map((f) =>
      f.source === '[Gmail]/All Mail' ? { ...f, skipMessagesIn: ['Work'] } : f,
    );
    const allMail = (await audit(folders)).find((f) => f.source === '[Gmail]/All Mail')!;
    expect(allMail.missing).toBe(1);
    expect(allMail.samples.missing[0].messageId).toBe('<inbox@gmail.test>');
  });

  it("applies the planner's rule itself to a job planned before the plan carried it", async () => {
    const allMail = (await audit(gmailFolders().map(unplanned))).find(
      (f) => f.source === '[Gmail]/All Mail',
    )!;
    expect(allMail).toMatchObject({ missing: 0, extra: 0 });
  });

  it('expects extras in a destination that shows every message, as the plan or the server says', async () => {
    // Gmail as the destination: its All Mail holds the INBOX message and two more.
    const intoAllMail = { ...pair('INBOX', '[Gmail]/All Mail'), destinationIsView: true };
    const extras = async (folder: AuditFolderRequest) => {
      const auditor = new JobAuditor(
        pairsOf([destination, bob], [source, gmail]),
        new AbortController().signal,
        new CollectedReport(),
      );
      const [audited] = await auditor.audit(request([folder]));
      expect(audited.missing).toBe(0);
      return audited.extra;
    };
    expect(await extras(intoAllMail)).toBeNull();
    expect(await extras(unplanned(intoAllMail))).toBeNull();
    expect(await extras({ ...intoAllMail, destinationIsView: false })).toBe(2);
  });

  it('reports an archived message missing from the Archive', async () => {
    await expunge(destination, bob, 'Archive', await uidOf(sessions[1], 'Archive', 'mid:'));
    const allMail = (await audit()).find((f) => f.source === '[Gmail]/All Mail')!;
    expect(allMail.missing).toBe(1);
    expect(allMail.samples.missing[0].messageId).toBe('<archived@gmail.test>');
  });
});
