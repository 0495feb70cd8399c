import type { JobView } from '@btsx/contracts';
import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { CliError } from '../cli-error';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exit-code';
import { restartPlan } from '../restart-plan';
import { finishedJobCommand, signInAgain } from './sign-in-again';
import { formatAudit } from './verify-report';

/** How often `btsx verify` asks whether the audit is done. */
const POLL_MS = 1_000;
const VERIFIABLE = ['completed', 'completed_with_errors', 'incomplete'];

/** `btsx verify ID`: compare source and destination of a finished job again. */
export function verifyCommand(): Command {
  return finishedJobCommand({
    name: 'verify',
    description: 'compare a finished job’s source and destination again, message by message',
    exitStatus: 'Exit status: 0 when no message is missing, 1 otherwise.',
    run: verify,
  });
}

async function verify(api: ApiClient, id: string): Promise<number> {
  const job = await api.getJob(id);
  if (!VERIFIABLE.includes(job.status)) {
    throw new CliError(
      `Job ${id} is ${job.status}; only a job that finished copying can be verified.`,
      EXIT_USAGE,
    );
  }
  const logins = await signInAgain(api, restartPlan(job));
  const asked = await api.verifyJob(id, logins);
  process.stderr.write(`Verifying job ${id}…\n`);
  const done = await untilAudited(api, asked);
  process.stdout.write(`${formatAudit(done.audit).join('\n')}\n`);
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
