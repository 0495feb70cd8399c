import { ApiClient, ApiError } from './api-client';

describe('ApiClient.auditReport', () => {
  it('asks for the CSV or JSON report of the job and answers its bytes as sent', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x6b, 0x69, 0x6e, 0x64, 0x0d, 0x0a]);
    const fetchFn = jest.fn().mockImplementation(async () => new Response(bytes, { status: 200 }));
    const api = new ApiClient('http://btsx.test', fetchFn);
    expect(await api.auditReport('job 1', 'csv')).toEqual(bytes);
    expect(fetchFn).toHaveBeenCalledWith(
      'http://btsx.test/api/jobs/job%201/audit/report.csv',
      expect.objectContaining({
        method: 'GET',
        headers: { accept: 'text/csv', cookie: expect.stringMatching(/^btsx_client=.{43}$/) },
      }),
    );
    await api.auditReport('job-1', 'json');
    expect(fetchFn.mock.calls[1][0]).toBe('http://btsx.test/api/jobs/job-1/audit/report.json');
  });

  it('sends one client session for its whole run, another run another one', async () => {
    const fetchFn = jest.fn().mockImplementation(async () => Response.json({ id: 'j' }));
    const first = new ApiClient('http://btsx.test', fetchFn);
    const options = { deleteSource: false, foldersOnly: false, progressUpdates: false };
    const request = { sourceCredentialId: 's', destinationCredentialId: 'd', options };
    await first.createJob({ ...request, options: { ...options, reconcileExisting: false } });
    await first.getJob('j');
    await new ApiClient('http://btsx.test', fetchFn).getJob('j');
    const cookies = fetchFn.mock.calls.map(
      ([, init]) =>
        (
          init as RequestInit & {
            headers: Record<string, string>;
          }
        ).headers.cookie,
    );
    expect(cookies[0]).toBe(cookies[1]);
    expect(cookies[2]).not.toBe(cookies[0]);
  });

  it("turns a 409 into an ApiError with the server's message", async () => {
    const body = JSON.stringify({ statusCode: 409, message: 'The audit is still running' });
    const fetchFn = jest.fn().mockResolvedValue(new Response(body, { status: 409 }));
    const api = new ApiClient('http://btsx.test', fetchFn);
    await expect(api.auditReport('job-1', 'json')).rejects.toEqual(
      new ApiError(409, 'The audit is still running'),
    );
  });
});
