// The audit report against a real Postgres and NATS: job.audit.findings parts stored once,
// job.audited waiting for them, the two downloads row by row, deep verification, what the
// request passes on of the plan, and the messages Delete Source left in the source. No
// auditor runs: the test answers for it.
import {
  ApiErrorBody,
  AuditFinding,
  AuditReport,
  FolderAudit,
  ImapEndpoint,
  JobAuditRequested,
  JobOptions,
  JobView,
  MessageFailure,
  newClientSession,
  SUBJECTS,
} from '@btsx/contracts';
import { BusClient } from '@btsx/platform';
import { startNats, startPostgres } from '@btsx/testing';
import { randomUUID } from 'node:crypto';
import { JSONCodec } from 'nats';
import {
  CLIENT_JSON_HEADERS,
  eventually,
  OrchestratorTestbed,
  startOrchestratorTestbed,
  tlsEndpoint,
} from '../orchestrator-testbed';
import { JobRetentionSweeper } from '../retention/job-retention.sweeper';

const json = JSONCodec();
const OPTIONS: JobOptions = {
  deleteSource: false,
  foldersOnly: false,
  progressUpdates: true,
  reconcileExisting: false,
  verify: true,
};
const SOURCE_ID = newClientSession();
const DESTINATION_ID = newClientSession();
const ACCOUNTS: Record<string, ImapEndpoint> = {
  [SOURCE_ID]: tlsEndpoint('old.example.test', 'ann@old.example.test'),
  [DESTINATION_ID]: tlsEndpoint('new.example.test', 'ann@new.example.test'),
};
const REFUSAL: MessageFailure = {
  folder: 'INBOX',
  uid: 5,
  size: 20_000_000,
  reason: 'Message too large for the destination (limit 10 MB)',
};

let orchestrator: OrchestratorTestbed;
let bus: BusClient;
let baseUrl: string;
let getJob: (id: string) => Promise<JobView>;
let statusLines: (jobId: string) => Promise<string[]>;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  orchestrator = await startOrchestratorTestbed({ postgres, nats, auth: { accounts: ACCOUNTS } });
  ({ bus, baseUrl, getJob, statusLines } = orchestrator);
});

afterAll(() => orchestrator?.close());

describe('audit report', () => {
  it('stores a part of the report once, however often it is delivered', async () => {
    const { jobId, auditId } = await verifyingJob();
    const part0 = findingsPart(jobId, auditId, 1, 0, [missing('INBOX', 1), missing('INBOX', 2)]);
    await bus.publish(SUBJECTS.jobAuditFindings, part0);
    await bus.publish(SUBJECTS.jobAuditFindings, part0);
    // One consumer takes the parts in order: once part 1 is in, both copies of part 0 were.
    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(jobId, auditId, 1, 1, [missing('INBOX', 3)]),
    );
    await eventually(async () => expect(await storedAttempts(auditId)).toEqual([1, 1, 1]));
  });

  it("records job.audited once every part of its run is in, and drops another run's", async () => {
    const { jobId, auditId } = await verifyingJob();
    // A run that died after its first part.
    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(jobId, auditId, 1, 0, [missing('INBOX', 1)]),
    );
    await eventually(async () => expect(await storedAttempts(auditId)).toEqual([1]));
    await bus.publish(SUBJECTS.jobAudited, {
      auditId,
      jobId,
      attempt: 2,
      findings: 3,
      folders: [folderAudit('INBOX', 'INBOX', { missing: 2, refused: 1 })],
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await getJob(jobId)).audit?.state).toBe('running');

    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(jobId, auditId, 2, 0, [missing('INBOX', 1), missing('INBOX', 2)]),
    );
    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(jobId, auditId, 2, 1, [refused('INBOX', REFUSAL.uid)]),
    );
    const view = await eventually(async () => {
      const v = await getJob(jobId);
      expect(v.status).toBe('incomplete');
      return v;
    }, 20_000);
    expect(view.audit).toMatchObject({ state: 'done', totals: { missing: 2, changed: 0 } });
    expect(await storedAttempts(auditId)).toEqual([2, 2, 2]);

    // A part of any run that comes after the audit was recorded is not stored.
    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(jobId, auditId, 3, 0, [missing('INBOX', 9)]),
    );
    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(jobId, auditId, 2, 2, [missing('INBOX', 9)]),
    );
    // One consumer takes the parts in order: once another audit's part is in, these were.
    const other = await verifyingJob();
    await bus.publish(
      SUBJECTS.jobAuditFindings,
      findingsPart(other.jobId, other.auditId, 1, 0, [missing('INBOX', 1)]),
    );
    await eventually(async () => expect(await storedAttempts(other.auditId)).toEqual([1]));
    expect(await storedAttempts(auditId)).toEqual([2, 2, 2]);
  });

  it('writes report.csv and report.json in folder, kind and UID order, with reasons', async () => {
    const { jobId, auditId } = await verifyingJob();
    const inbox = { sourceFolder: 'INBOX', destinationFolder: 'INBOX' };
    const sent = { sourceFolder: 'Sent', destinationFolder: 'Sent Items' };
    const hostile: AuditFinding = {
      ...inbox,
      kind: 'missing',
      sourceUid: 9,
      sourceSize: 500,
      messageId: '<m9@example.test>',
      date: 'Mon, 1 Jun 2026 10:00:00 +0000',
      subject: '=HYPERLINK("x"), "quoted"',
    };
    const changed: AuditFinding = {
      ...inbox,
      kind: 'changed',
      sourceUid: 3,
      sourceSize: 1_240,
      destinationUid: 13,
      destinationSize: 1_234,
      messageId: '<c3@example.test>',
    };
    const extra: AuditFinding = {
      ...sent,
      kind: 'extra',
      destinationUid: 4,
      destinationSize: 300,
      subject: 'Newsletter',
    };
    const flags: AuditFinding = {
      ...sent,
      kind: 'flags',
      sourceUid: 1,
      destinationUid: 7,
      sourceFlags: ['\\Seen', '\\Flagged'],
      destinationFlags: ['\\Seen'],
    };
    const refusedRow = { ...refused('INBOX', REFUSAL.uid), sourceSize: REFUSAL.size };
    const plain = { ...missing('INBOX', 2), sourceSize: 100 };
    // Out of order, across two parts: the report sorts them.
    const parts = [
      [extra, hostile, changed],
      [refusedRow, plain, flags],
    ];
    for (const [part, findings] of parts.entries()) {
      await bus.publish(SUBJECTS.jobAuditFindings, findingsPart(jobId, auditId, 1, part, findings));
    }
    await bus.publish(SUBJECTS.jobAudited, {
      auditId,
      jobId,
      attempt: 1,
      findings: 6,
      folders: [
        folderAudit('INBOX', 'INBOX', { missing: 2, refused: 1, changed: 1 }),
        folderAudit('Sent', 'Sent Items', { extra: 1, flagDifferences: 1 }),
      ],
    });
    await eventually(async () => expect((await getJob(jobId)).status).toBe('incomplete'), 20_000);

    const csv = await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="btsx-audit-${jobId}.csv"`,
    );
    expect((await csv.text()).split('\r\n')).toEqual([
      'kind,source_folder,source_uid,destination_folder,destination_uid,message_id,date,' +
        'subject,source_size,destination_size,source_flags,destination_flags,reason',
      'missing,INBOX,2,INBOX,,,,,100,,,,not at the destination',
      'missing,INBOX,9,INBOX,,<m9@example.test>,"Mon, 1 Jun 2026 10:00:00 +0000",' +
        `"'=HYPERLINK(""x""), ""quoted""",500,,,,not at the destination`,
      `refused,INBOX,5,INBOX,,,,,20000000,,,,${REFUSAL.reason}`,
      'changed,INBOX,3,INBOX,13,<c3@example.test>,,,1240,1234,,,' +
        '"changed by the destination: 1,234 bytes there, 1,240 in the source"',
      'extra,Sent,,Sent Items,4,,,Newsletter,,300,,,at the destination only',
      'flags,Sent,1,Sent Items,7,,,,,,\\Seen \\Flagged,\\Seen,flags differ',
      '',
    ]);

    const response = await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="btsx-audit-${jobId}.json"`,
    );
    const report = (await response.json()) as AuditReport;
    expect(report.jobId).toBe(jobId);
    expect(report.audit).toMatchObject({
      id: auditId,
      trigger: 'automatic',
      state: 'done',
      deep: false,
      totals: { folders: 2, missing: 2, refused: 1, changed: 1, extra: 1, flagDifferences: 1 },
    });
    expect(report.audit).not.toHaveProperty('folders');
    expect(report.findings).toEqual([
      { ...plain, reason: 'not at the destination' },
      { ...hostile, reason: 'not at the destination' },
      { ...refusedRow, reason: REFUSAL.reason },
      { ...changed, reason: 'changed by the destination: 1,234 bytes there, 1,240 in the source' },
      { ...extra, reason: 'at the destination only' },
      { ...flags, reason: 'flags differ' },
    ]);
    const lines = await statusLines(jobId);
    expect(lines).toContain(
      'Verified 2 folders: 2 missing, 1 refused by the destination, ' +
        '1 changed by the destination, 1 extra, 1 with different flags',
    );
  });

  it('reads a report larger than a page, in order, across page boundaries', async () => {
    const { jobId, auditId } = await verifyingJob();
    const uids = Array.from({ length: 2_345 }, (_, i) => 2_345 - i);
    const findings = uids.map((uid) => missing('INBOX', uid));
    for (let part = 0; part * 500 < findings.length; part++) {
      const slice = findings.slice(part * 500, (part + 1) * 500);
      await bus.publish(SUBJECTS.jobAuditFindings, findingsPart(jobId, auditId, 1, part, slice));
    }
    await bus.publish(SUBJECTS.jobAudited, {
      auditId,
      jobId,
      attempt: 1,
      findings: findings.length,
      folders: [folderAudit('INBOX', 'INBOX', { missing: findings.length })],
    });
    // job.audited may come before the parts are stored and is then retried after 1, 2, 4, 8,
    // 16 s: on a busy machine the job ends after the fifth or sixth delivery.
    await eventually(async () => expect((await getJob(jobId)).status).toBe('incomplete'), 75_000);
    const report = (await (
      await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.json`)
    ).json()) as AuditReport;
    expect(report.findings.map((f) => f.sourceUid)).toEqual([...uids].reverse());
  }, 90_000);

  it('answers 409 while the audit runs or when there is none, 404 for no such job', async () => {
    const { jobId } = await verifyingJob();
    for (const form of ['csv', 'json']) {
      const response = await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.${form}`);
      expect(response.status).toBe(409);
      expect(((await response.json()) as ApiErrorBody).message).toBe(
        'The job is being verified: the report is ready when that ends',
      );
    }
    const unverified = await createJob({ ...OPTIONS, verify: false });
    const none = await fetch(`${baseUrl}/api/jobs/${unverified}/audit/report.csv`);
    expect(none.status).toBe(409);
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await fetch(`${baseUrl}/api/jobs/${id}/audit/report.csv`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as ApiErrorBody).message).toBe('No such job');
    }
  });

  it('answers 409 when the audit could not run', async () => {
    const { jobId, auditId } = await verifyingJob();
    await bus.publish(SUBJECTS.jobAudited, { auditId, jobId, folders: [], error: 'Login refused' });
    await eventually(async () => expect((await getJob(jobId)).audit?.state).toBe('failed'));
    const response = await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.json`);
    expect(response.status).toBe(409);
    expect(((await response.json()) as ApiErrorBody).message).toBe(
      'The latest verification could not run, so there is no report: Login refused',
    );
  });

  it('has an empty report from an auditor that sends none', async () => {
    const { jobId, auditId } = await verifyingJob();
    await bus.publish(SUBJECTS.jobAudited, {
      auditId,
      jobId,
      folders: [folderAudit('INBOX', 'INBOX', { refused: 1 })],
    });
    await eventually(async () => expect((await getJob(jobId)).audit?.state).toBe('done'));
    const csv = await (await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.csv`)).text();
    expect(csv.split('\r\n')).toHaveLength(2);
  });

  it('asks for a deep verification, sends it to the auditor and shows it', async () => {
    const { jobId, auditId } = await verifyingJob();
    expect((await auditRequest(auditId)).deep).toBe(false);
    await auditFindsOnlyTheRefusal(jobId, auditId);

    const response = await fetch(`${baseUrl}/api/jobs/${jobId}/verify`, {
      method: 'POST',
      headers: CLIENT_JSON_HEADERS,
      body: JSON.stringify({
        sourceCredentialId: SOURCE_ID,
        destinationCredentialId: DESTINATION_ID,
        deep: true,
      }),
    });
    expect(response.status).toBe(202);
    const deep = ((await response.json()) as JobView).audit!;
    expect(deep).toMatchObject({ trigger: 'on_demand', state: 'running', deep: true });
    expect((await auditRequest(deep.id)).deep).toBe(true);
    expect(await statusLines(jobId)).toContain('Deep verification asked for');
    // Only the latest audit's report is served: the earlier one's rows went.
    expect(await storedAttempts(auditId)).toEqual([]);

    await bus.publish(SUBJECTS.jobAudited, {
      auditId: deep.id,
      jobId,
      attempt: 1,
      findings: 0,
      folders: [folderAudit('INBOX', 'INBOX', { refused: 1 })],
    });
    await eventually(async () => expect((await getJob(jobId)).audit?.state).toBe('done'));
    const report = (await (
      await fetch(`${baseUrl}/api/jobs/${jobId}/audit/report.json`)
    ).json()) as AuditReport;
    expect(report.audit).toMatchObject({ id: deep.id, deep: true, trigger: 'on_demand' });
    expect(report.findings).toEqual([]);
  });

  it('deletes the report with its job when the retention is over', async () => {
    const { jobId, auditId } = await verifyingJob();
    await auditFindsOnlyTheRefusal(jobId, auditId);
    expect(await storedAttempts(auditId)).toEqual([1]);
    await orchestrator.db.query(`UPDATE orchestrator.jobs SET finished_at = $2 WHERE id = $1`, [
      jobId,
      new Date(Date.now() - 8 * 86_400_000),
    ]);
    expect(await orchestrator.app.get(JobRetentionSweeper).sweep()).toBe(1);
    expect(await storedAttempts(auditId)).toEqual([]);
  });

  it('describes both downloads in OpenAPI', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content?: object }> } }>;
    };
    const csv = document.paths['/api/jobs/{id}/audit/report.csv'].get.responses;
    expect(Object.keys(csv)).toEqual(expect.arrayContaining(['200', '404', '409']));
    expect(csv['200'].content).toHaveProperty(['text/csv']);
    const json = document.paths['/api/jobs/{id}/audit/report.json'].get.responses;
    expect(json['200'].content).toHaveProperty(['application/json']);
  });
});

describe('the audit request', () => {
  it('passes on what the plan told the audit: what a copy left out, which destination shows all', async () => {
    const jobId = await createJob();
    const allMail = '[Gmail]/All Mail';
    await bus.publish(SUBJECTS.jobPlanned, {
      jobId,
      folders: [
        {
          source: 'INBOX',
          destination: 'INBOX',
          messages: 3,
          taskIds: [`${jobId}/0/0`],
          destinationIsView: false,
        },
        {
          source: allMail,
          destination: 'All Mail',
          messages: 5,
          taskIds: [`${jobId}/1/0`],
          skipMessagesIn: ['INBOX'],
          destinationIsView: true,
        },
      ],
    });
    const counts = { copied: 2, skipped: 0, failed: 0, bytes: 200 };
    for (const taskId of [`${jobId}/0/0`, `${jobId}/1/0`]) {
      await bus.publish(SUBJECTS.taskFinished, { jobId, taskId, counts, failures: [] });
    }
    const auditId = await eventually(async () => {
      const v = await getJob(jobId);
      expect(v.status).toBe('verifying');
      return v.audit!.id;
    });
    const { folders } = await auditRequest(auditId);
    expect(folders.map((f) => [f.source, f.skipMessagesIn, f.destinationIsView])).toEqual([
      ['INBOX', undefined, false],
      [allMail, ['INBOX'], true],
    ]);
  });
});

describe('messages Delete Source left in the source', () => {
  it('earn one warning line for their folder and are not counted as failed', async () => {
    const jobId = await createJob({ ...OPTIONS, deleteSource: true, verify: false });
    await plan(jobId);
    const reason = 'The destination did not show the copy under its Message-ID';
    const kept = [1, 2, 3].map((uid) => ({ folder: 'INBOX', uid, size: 100, reason }));
    const finished = {
      jobId,
      taskId: `${jobId}/0/0`,
      counts: { copied: 3, skipped: 0, failed: 0, bytes: 300 },
      failures: [],
      kept,
    };
    await bus.publish(SUBJECTS.taskFinished, finished);
    await bus.publish(SUBJECTS.taskFinished, finished);
    await bus.publish(SUBJECTS.taskFinished, { ...finished, taskId: `${jobId}/1/0`, kept: [] });
    const view = await eventually(async () => {
      const v = await getJob(jobId);
      expect(v.status).toBe('completed');
      return v;
    });
    expect(view.counters.failed).toBe(0);
    const lines = await statusLines(jobId);
    const warning = `INBOX: 3 messages left in the source: ${reason}`;
    expect(lines.filter((l) => l === warning)).toHaveLength(1);
    expect(lines.filter((l) => l.includes('left in the source'))).toHaveLength(1);
  });
});

async function createJob(options: JobOptions = OPTIONS): Promise<string> {
  const response = await fetch(`${baseUrl}/api/jobs`, {
    method: 'POST',
    headers: CLIENT_JSON_HEADERS,
    body: JSON.stringify({
      sourceCredentialId: SOURCE_ID,
      destinationCredentialId: DESTINATION_ID,
      options,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** INBOX (a task) and Sent → Sent Items (another). */
function plan(jobId: string): Promise<void> {
  return bus.publish(SUBJECTS.jobPlanned, {
    jobId,
    folders: [
      { source: 'INBOX', destination: 'INBOX', messages: 3, taskIds: [`${jobId}/0/0`] },
      { source: 'Sent', destination: 'Sent Items', messages: 2, taskIds: [`${jobId}/1/0`] },
    ],
  });
}

/** A job whose copy is over (INBOX with one refusal) and whose automatic audit runs. */
async function verifyingJob(): Promise<{ jobId: string; auditId: string }> {
  const jobId = await createJob();
  await plan(jobId);
  const counts = { copied: 2, skipped: 0, failed: 0, bytes: 200 };
  await bus.publish(SUBJECTS.taskFinished, {
    jobId,
    taskId: `${jobId}/0/0`,
    counts: { ...counts, failed: 1 },
    failures: [REFUSAL],
  });
  await bus.publish(SUBJECTS.taskFinished, {
    jobId,
    taskId: `${jobId}/1/0`,
    counts,
    failures: [],
  });
  const view = await eventually(async () => {
    const v = await getJob(jobId);
    expect(v.status).toBe('verifying');
    return v;
  });
  return { jobId, auditId: view.audit!.id };
}

/** Ends the audit of a `verifyingJob` with the copy's one refusal as its only finding. */
async function auditFindsOnlyTheRefusal(jobId: string, auditId: string): Promise<void> {
  await bus.publish(
    SUBJECTS.jobAuditFindings,
    findingsPart(jobId, auditId, 1, 0, [refused('INBOX', REFUSAL.uid)]),
  );
  await bus.publish(SUBJECTS.jobAudited, {
    auditId,
    jobId,
    attempt: 1,
    findings: 1,
    folders: [folderAudit('INBOX', 'INBOX', { refused: 1 })],
  });
  await eventually(async () => expect((await getJob(jobId)).status).toBe('completed_with_errors'));
}

function findingsPart(
  jobId: string,
  auditId: string,
  attempt: number,
  part: number,
  findings: AuditFinding[],
) {
  return { auditId, jobId, attempt, part, findings };
}

function missing(folder: string, uid: number): AuditFinding {
  return { kind: 'missing', sourceFolder: folder, destinationFolder: folder, sourceUid: uid };
}

function refused(folder: string, uid: number): AuditFinding {
  return { kind: 'refused', sourceFolder: folder, destinationFolder: folder, sourceUid: uid };
}

function folderAudit(
  source: string,
  destination: string,
  counts: Partial<
    Pick<FolderAudit, 'missing' | 'refused' | 'extra' | 'changed' | 'flagDifferences'>
  >,
): FolderAudit {
  return {
    source,
    destination,
    missing: 0,
    refused: 0,
    extra: 0,
    flagDifferences: 0,
    ...counts,
    samples: { missing: [], extra: [], flags: [] },
  };
}

/** The attempt of every stored finding of the audit, in the order they were sent. */
async function storedAttempts(auditId: string): Promise<number[]> {
  const rows: { attempt: number }[] = await orchestrator.db.query(
    `SELECT attempt FROM orchestrator.audit_findings WHERE audit_id = $1
     ORDER BY attempt, part, position`,
    [auditId],
  );
  return rows.map((r) => r.attempt);
}

/** The job.audit.requested the orchestrator published for `auditId`. */
function auditRequest(auditId: string): Promise<JobAuditRequested> {
  return eventually(async () => {
    const consumer = await orchestrator.nc.jetstream().consumers.get('BTSX_AUDITS', {
      filterSubjects: SUBJECTS.jobAuditRequested,
    });
    for (;;) {
      const msg = await consumer.next({ expires: 1_000 });
      if (!msg) throw new Error(`No job.audit.requested for ${auditId}`);
      const request = json.decode(msg.data) as JobAuditRequested;
      if (request.auditId === auditId) return request;
    }
  });
}
