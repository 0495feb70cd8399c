import { AuditReportRow, JobAuditView } from '@btsx/contracts';
import { reportCsv, reportJson } from './audit-report-format';

const ROW: AuditReportRow = {
  kind: 'flags',
  sourceFolder: 'INBOX',
  destinationFolder: 'Inbox',
  sourceUid: 3,
  destinationUid: 8,
  subject: '=SUM(A1), "quoted"',
  sourceFlags: ['\\Seen', '\\Flagged'],
  destinationFlags: ['\\Seen'],
  reason: 'flags differ',
};
const AUDIT = { id: 'a', state: 'done' } as Omit<JobAuditView, 'folders'>;

async function* pages(...list: AuditReportRow[][]) {
  yield* list;
}

async function all(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('audit report format', () => {
  it('writes a CSV header and a line per finding, escaped, flags space-separated', async () => {
    const text = await all(reportCsv(pages([ROW], [], [{ ...ROW, sourceUid: 4 }])));
    expect(text.split('\r\n')).toEqual([
      'kind,source_folder,source_uid,destination_folder,destination_uid,message_id,date,' +
        'subject,source_size,destination_size,source_flags,destination_flags,reason',
      `flags,INBOX,3,Inbox,8,,,"'=SUM(A1), ""quoted""",,,\\Seen \\Flagged,\\Seen,flags differ`,
      `flags,INBOX,4,Inbox,8,,,"'=SUM(A1), ""quoted""",,,\\Seen \\Flagged,\\Seen,flags differ`,
      '',
    ]);
  });

  it('writes a header alone for a report without findings', async () => {
    expect((await all(reportCsv(pages()))).split('\r\n')).toHaveLength(2);
  });

  it('writes JSON that parses to the report, across pages and empty ones', async () => {
    const head = { jobId: 'j', audit: AUDIT };
    const text = await all(reportJson(head, pages([], [ROW], [], [ROW, ROW])));
    expect(JSON.parse(text)).toEqual({ ...head, findings: [ROW, ROW, ROW] });
    expect(JSON.parse(await all(reportJson(head, pages())))).toEqual({ ...head, findings: [] });
  });
});
