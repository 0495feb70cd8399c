import type { VerifyJobRequest } from '@btsx/contracts';
import { canVerifyAgain, type JobView } from '@btsx/contracts/core';
import { Command, Option } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { CliError } from '../cli-error';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-code';
import { restartPlan } from '../restart-plan';
import { checkReportTarget, reportTarget, saveAuditReport } from './audit-report-file';
import { finishedJobCommand, signInAgain } from './sign-in-again';
import { formatAudit } from './verify-report';

/** How often `btsx verify` asks whether the audit is done. */
const POLL_MS = 1_000;

interface VerifyOptions {
  deep: boolean;
  report?: string;
}

/** `btsx verify ID [--deep] [--report FILE]`: compare source and destination of a finished job again. */
export function verifyCommand(): Command {
  return finishedJobCommand<VerifyOptions>({
    name: 'verify',
    description: 'compare a finished job’s source and destination again, message by message',
    options: [
      new Option(
        '--deep',
        'compare a SHA-256 of every message on both sides (downloads every message of both accounts)',
      ).default(false),
      new Option(
        '--report <file>',
        'write the audit’s full report to FILE once it ends: JSON for a .json FILE, CSV otherwise, - for standard output',
      ),
    ],
    exitStatus: `With --report -, the report alone goes to standard output, the summary to standard error.
With --json, standard output is the job as the API shows it once its audit ended.
Exit status: 0 when no message is missing (changed by the destination is not missing),
             1 otherwise, or when the report could not be written.`,
    run: verify,
  });
}

async function verify(
  api: ApiClient,
  id: string,
  options: VerifyOptions,
  out: CommandOutput,
): Promise<number> {
  const target = options.report === undefined ? null : reportTarget(options.report);
  if (out.json && target?.path === null) {
    throw new CliError('--json and --report - both write to standard output: pick one', EXIT_USAGE);
  }
  if (target) await checkReportTarget(target);
  const job = await api.getJob(id);
  if (!canVerifyAgain(job.status)) {
    throw new CliError(
      `Job ${id} is ${job.status}; only a job that finished copying can be verified.`,
      EXIT_USAGE,
    );
  }
  const logins = await signInAgain(api, restartPlan(job, 'verify', api.jobPageUrl(id)));
  const request: VerifyJobRequest = options.deep ? { ...logins, deep: true } : logins;
  const asked = await api.verifyJob(id, request);
  process.stderr.write(`Verifying job ${id}${options.deep ? ' in depth' : ''}…\n`);
  const done = await untilAudited(api, asked);
  const summary = `${formatAudit(done.audit).join('\n')}\n`;
  // With --report -, standard output carries the report alone, so that it can be piped.
  if (target?.path === null) process.stderr.write(summary);
  else out.result(summary, done);
  if (target) await saveAuditReport(api, id, done.audit, target);
  const missing = done.audit?.totals?.missing;
  return done.audit?.state === 'done' && missing === 0 ? EXIT_OK : EXIT_FAILURE;
}

async function untilAudited(api: ApiClient, asked: JobView): Promise<JobView> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const job = await api.getJob(asked.id);
    if (job.audit?.id !== asked.audit?.id || job.audit?.state !== 'running') return job;
  }
}
