import { AuditReport, AuditReportRow } from '@btsx/contracts';
import { csvLine } from '../shared/csv';

/** Pages of report rows, in the report's order, as the database hands them out. */
export type ReportPages = AsyncIterable<AuditReportRow[]>;

export const AUDIT_REPORT_COLUMNS = [
  'kind',
  'source_folder',
  'source_uid',
  'destination_folder',
  'destination_uid',
  'message_id',
  'date',
  'subject',
  'source_size',
  'destination_size',
  'source_flags',
  'destination_flags',
  'reason',
];

/** One CSV line of the report; flags are separated by spaces, as IMAP lists them. */
export function reportCsvLine(row: AuditReportRow): string {
  return csvLine([
    row.kind,
    row.sourceFolder,
    row.sourceUid,
    row.destinationFolder,
    row.destinationUid,
    row.messageId,
    row.date,
    row.subject,
    row.sourceSize,
    row.destinationSize,
    row.sourceFlags?.join(' '),
    row.destinationFlags?.join(' '),
    row.reason,
  ]);
}

/** report.csv, a page at a time: the header, then a line per finding. */
export async function* reportCsv(pages: ReportPages): AsyncGenerator<string> {
  yield csvLine(AUDIT_REPORT_COLUMNS);
  for await (const rows of pages) yield rows.map(reportCsvLine).join('');
}

/** report.json (an AuditReport), a page at a time: never the whole list in memory. */
export async function* reportJson(
  head: Omit<AuditReport, 'findings'>,
  pages: ReportPages,
): AsyncGenerator<string> {
  yield `{"jobId":${JSON.stringify(head.jobId)},"audit":${JSON.stringify(head.audit)},"findings":[`;
  let first = true;
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    yield (first ? '' : ',') + rows.map((row) => JSON.stringify(row)).join(',');
    first = false;
  }
  yield ']}';
}
