import type { JobAuditView } from '@btsx/contracts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../cli-error';
import { EXIT_USAGE } from '../exit-code';
import { checkReportTarget, Output, reportTarget, saveAuditReport } from './audit-report-file';

const CSV_HEADER =
  'kind,source_folder,source_uid,destination_folder,destination_uid,message_id,date,subject,' +
  'source_size,destination_size,source_flags,destination_flags,reason\r\n';

const DONE = { id: 'a1', state: 'done' } as JobAuditView;

/** A stream that keeps what is written to it. */
function sink(): Output & { text: () => string } {
  const chunks: Buffer[] = [];
  return {
    write: (chunk, done) => {
      chunks.push(Buffer.from(chunk));
      done?.();
      return true;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

describe('reportTarget', () => {
  it.each([
    ['report.json', 'json'],
    ['REPORT.JSON', 'json'],
    ['report.csv', 'csv'],
    ['report', 'csv'],
    ['report.json.txt', 'csv'],
  ])('writes %s as %s', (file, format) => {
    expect(reportTarget(file)).toEqual({ path: file, format });
  });

  it('takes - for standard output, as CSV', () => {
    expect(reportTarget('-')).toEqual({ path: null, format: 'csv' });
  });

  it('refuses an empty name as a usage error', () => {
    expect(() => reportTarget('')).toThrow(expect.objectContaining({ exitCode: EXIT_USAGE }));
  });
});

describe('checkReportTarget and saveAuditReport', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'btsx-report-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses, before any audit, a folder that does not exist or a folder as the file', async () => {
    await expect(checkReportTarget(reportTarget(join(dir, 'nope', 'r.csv')))).rejects.toThrow(
      CliError,
    );
    await expect(checkReportTarget(reportTarget(dir))).rejects.toThrow('is a folder');
    await expect(checkReportTarget(reportTarget(join(dir, 'r.csv')))).resolves.toBeUndefined();
    await expect(checkReportTarget(reportTarget('-'))).resolves.toBeUndefined();
  });

  it('writes the report byte for byte, in the form the file name asks for', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(CSV_HEADER)]);
    const auditReport = jest.fn().mockResolvedValue(bytes);
    const file = join(dir, 'r.csv');
    await saveAuditReport({ auditReport }, 'job-1', DONE, reportTarget(file), sink(), sink());
    expect(auditReport).toHaveBeenCalledWith('job-1', 'csv');
    expect(new Uint8Array(await readFile(file))).toEqual(bytes);
  });

  it('writes the report of an audit that found nothing: the header row alone', async () => {
    const auditReport = jest.fn().mockResolvedValue(new TextEncoder().encode(CSV_HEADER));
    const out = sink();
    await saveAuditReport({ auditReport }, 'job-1', DONE, reportTarget('-'), out, sink());
    expect(out.text()).toBe(CSV_HEADER);
  });

  it('asks for JSON for a .json file', async () => {
    const json = JSON.stringify({ jobId: 'job-1', audit: {}, findings: [] });
    const auditReport = jest.fn().mockResolvedValue(new TextEncoder().encode(json));
    const file = join(dir, 'r.json');
    await saveAuditReport({ auditReport }, 'job-1', DONE, reportTarget(file), sink(), sink());
    expect(auditReport).toHaveBeenCalledWith('job-1', 'json');
    expect(await readFile(file, 'utf8')).toBe(json);
  });

  it('asks for no report of an audit that could not run, and says why', async () => {
    const auditReport = jest.fn();
    const err = sink();
    const failed = { ...DONE, state: 'failed' } as JobAuditView;
    await saveAuditReport({ auditReport }, 'job-1', failed, reportTarget('-'), sink(), err);
    expect(auditReport).not.toHaveBeenCalled();
    expect(err.text()).toBe('No report written: the audit could not run.\n');
  });
});
