import type { AuditReportFormat, JobAuditView } from '@btsx/contracts/core';
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { EXIT_USAGE } from '../exit-code';

/** `--report -`: the report goes to standard output. */
const STDOUT = '-';

/** Standard output or error (a fake in tests). */
export interface Output {
  write(chunk: string | Uint8Array, done?: (error?: Error | null) => void): unknown;
}

/** Where `btsx verify --report FILE` writes, and in which form. */
export interface ReportTarget {
  /** The file as given; null for standard output. */
  path: string | null;
  format: AuditReportFormat;
}

/** JSON for a FILE ending in .json (any case), CSV for anything else, `-` included. */
export function reportTarget(file: string): ReportTarget {
  if (file === '')
    throw new CliError('--report: name a file, or - for standard output', EXIT_USAGE);
  return {
    path: file === STDOUT ? null : file,
    format: extname(file).toLowerCase() === '.json' ? 'json' : 'csv',
  };
}

/**
 * Refuses up front a file that could not be written: a deep audit can take an hour, and the
 * report is only there at its end.
 */
export async function checkReportTarget({ path }: ReportTarget): Promise<void> {
  if (path === null) return;
  const full = resolve(path);
  const existing = await stat(full).catch(() => null);
  if (existing?.isDirectory()) {
    throw new CliError(`--report: ${path} is a folder; name a file in it`, EXIT_USAGE);
  }
  try {
    await access(existing ? full : dirname(full), constants.W_OK);
  } catch (err) {
    throw new CliError(`--report: cannot write ${path}: ${reason(err)}`, EXIT_USAGE);
  }
}

/**
 * Downloads the report of the audit that just ended and writes it as the server sent it. An
 * audit that did not end well has no report (the server answers 409): say so instead.
 */
export async function saveAuditReport(
  api: Pick<ApiClient, 'auditReport'>,
  jobId: string,
  audit: JobAuditView | null,
  target: ReportTarget,
  out: Output = process.stdout,
  err: Output = process.stderr,
): Promise<void> {
  if (audit?.state !== 'done') {
    const why =
      audit?.state === 'running' ? 'the audit is still running' : 'the audit could not run';
    err.write(`No report written: ${why}.\n`);
    return;
  }
  const report = await api.auditReport(jobId, target.format);
  if (target.path === null) {
    await new Promise<void>((done, failed) =>
      out.write(report, (error) => (error ? failed(error) : done())),
    );
    return;
  }
  try {
    await writeFile(target.path, report);
  } catch (error) {
    throw new CliError(`Cannot write the report to ${target.path}: ${reason(error)}`);
  }
  err.write(`Report (${target.format.toUpperCase()}) written to ${target.path}\n`);
}

function reason(err: unknown): string {
  const code = (err as { code?: string }).code;
  return code ?? (err instanceof Error ? err.message : String(err));
}
