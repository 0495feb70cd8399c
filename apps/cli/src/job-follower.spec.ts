// @btsx/contracts runs class-transformer decorators on load, which need the metadata polyfill.
import 'reflect-metadata';
import type { JobStatusLine, JobView } from '@btsx/contracts';
import { ApiClient, ApiError } from './api-client';
import { CliError } from './cli-error';
import { JobFollower } from './job-follower';

const endView = { id: 'j1', status: 'completed' } as JobView;
const status = (id: number): string =>
  `event: status\ndata: ${JSON.stringify({ id, at: '2026-01-01T00:00:00Z', level: 'info', message: `line ${id}` })}\n\n`;

async function* body(...chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield new TextEncoder().encode(c);
}

function fakeApi(streams: (() => AsyncIterable<Uint8Array>)[], jobStatus = 'running') {
  const openEvents = jest.fn(async () => {
    const next = streams.shift();
    if (!next) throw new Error('no more streams');
    return next();
  });
  const getJob = jest.fn(async () => ({ ...endView, status: jobStatus }) as JobView);
  return { api: { openEvents, getJob } as unknown as ApiClient, openEvents, getJob };
}

function follower(api: ApiClient, lines: JobStatusLine[], reconnects: string[] = []) {
  return new JobFollower(
    api,
    {
      status: (line) => lines.push(line),
      progress: () => undefined,
      reconnecting: (reason) => reconnects.push(reason),
    },
    async () => undefined,
  );
}

describe('JobFollower', () => {
  it('returns the JobView of the end event', async () => {
    const { api } = fakeApi([
      () => body(status(1), `event: end\ndata: ${JSON.stringify(endView)}\n\n`),
    ]);
    const lines: JobStatusLine[] = [];
    await expect(follower(api, lines).follow('j1')).resolves.toEqual(endView);
    expect(lines.map((l) => l.id)).toEqual([1]);
  });

  it('reconnects with Last-Event-ID and skips status lines it already printed', async () => {
    const { api, openEvents } = fakeApi([
      () => body(`id: 5\n${status(1)}`),
      () => body(status(1), status(2), `event: end\ndata: ${JSON.stringify(endView)}\n\n`),
    ]);
    const lines: JobStatusLine[] = [];
    const reconnects: string[] = [];
    await follower(api, lines, reconnects).follow('j1');
    expect(lines.map((l) => l.id)).toEqual([1, 2]);
    expect(reconnects).toHaveLength(1);
    expect(openEvents).toHaveBeenLastCalledWith('j1', '5');
  });

  it('returns the job when it ended while the stream was down', async () => {
    const { api } = fakeApi([() => body(status(1))], 'failed');
    await expect(follower(api, []).follow('j1')).resolves.toMatchObject({ status: 'failed' });
  });

  it('stops with a clear error when the job does not exist', async () => {
    const { api } = fakeApi([
      () => {
        throw new ApiError(404, 'no such job');
      },
    ]);
    await expect(follower(api, []).follow('j1')).rejects.toThrow(CliError);
  });
});
