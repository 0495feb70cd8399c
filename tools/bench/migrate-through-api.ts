import { CreateJobRequest, isTerminal, JobView, VerifyImapRequest } from '@btsx/contracts';
import { DovecotServer, DovecotUser } from '@btsx/testing';

/** How often the bench asks whether the job is done; small against any real run. */
const POLL_MS = 100;

interface Account {
  server: DovecotServer;
  user: DovecotUser;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function verify(base: string, { server, user }: Account): Promise<string> {
  const request: VerifyImapRequest = {
    host: server.host,
    port: server.port,
    security: 'none',
    username: user.username,
    password: user.password,
  };
  return (await post<{ credentialId: string }>(`${base}/api/auth/imap/verify`, request))
    .credentialId;
}

/** Authenticates both accounts, runs a job with progress on, and waits for its end. */
export async function migrateThroughApi(
  base: string,
  from: Account,
  to: Account,
): Promise<JobView> {
  const request: CreateJobRequest = {
    sourceCredentialId: await verify(base, from),
    destinationCredentialId: await verify(base, to),
    options: {
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: true,
      replaceExisting: false,
    },
  };
  const { id } = await post<{ id: string }>(`${base}/api/jobs`, request);
  for (;;) {
    const job = (await (await fetch(`${base}/api/jobs/${id}`)).json()) as JobView;
    if (isTerminal(job.status)) return job;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
