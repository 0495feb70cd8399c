import { ApiClient, ApiError } from './api-client';

describe('ApiClient.auditReport', () => {
  it('asks for the CSV or JSON report of the job and answers its bytes as sent', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x6b, 0x69, 0x6e, 0x64, 0x0d, 0x0a]);
    const fetchFn = jest.fn().mockImplementation(async () => new Response(bytes, { status: 200 }));
    const api = new ApiClient('http://btsx.test', fetchFn);
    expect(await api.auditReport('job 1', 'csv')).toEqual(bytes);
    expect(fetchFn).toHaveBeenCalledWith(
      'http://btsx.test/api/jobs/job%201/audit/report.csv',
      expect.objectContaining({ method: 'GET', headers: { accept: 'text/csv' } }),
    );
    await api.auditReport('job-1', 'json');
    expect(fetchFn.mock.calls[1][0]).toBe('http://btsx.test/api/jobs/job-1/audit/report.json');
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
