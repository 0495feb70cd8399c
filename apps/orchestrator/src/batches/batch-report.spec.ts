import { BatchItemView } from '@btsx/contracts';
import { batchReportCsv } from './batch-report';

const ITEM: BatchItemView = {
  line: 2,
  sourceHost: 'old.example',
  sourceUsername: 'ann@old.example',
  destinationHost: 'new.example',
  destinationUsername: 'ann@new.example',
  state: 'completed',
  jobId: 'job-1',
  runs: 1,
  copied: 10,
  skipped: 1,
  failed: 0,
  filtered: 4,
  bytes: 2048,
  startedAt: '2026-01-01T10:00:00.000Z',
  finishedAt: '2026-01-01T10:01:30.000Z',
  error: null,
};

describe('batch report', () => {
  it('writes one row per job with its counts, duration and audit result', () => {
    const report = batchReportCsv(
      [ITEM, { ...ITEM, line: 3, state: 'pending', jobId: null, startedAt: null }],
      (jobId) => (jobId === 'job-1' ? 'passed' : null),
    );
    expect(report.split('\r\n')).toEqual([
      'line,source_host,source_username,destination_host,destination_username,state,copied,' +
        'skipped,failed,filtered,bytes,duration_seconds,audit,job_id,error',
      '2,old.example,ann@old.example,new.example,ann@new.example,completed,10,1,0,4,2048,90,passed,job-1,',
      '3,old.example,ann@old.example,new.example,ann@new.example,pending,10,1,0,4,2048,,,,',
      '',
    ]);
  });
});
