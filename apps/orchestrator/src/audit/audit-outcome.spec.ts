import { AuditTotals, FolderAudit } from '@btsx/contracts';
import { Outcome } from '../jobs/job-state';
import {
  auditedOutcome,
  auditLine,
  auditTotals,
  foldersWithFindings,
  REPORT_WAIT_DELIVERIES,
  reportIncompleteLine,
  reportState,
} from './audit-outcome';

const CLEAN: FolderAudit = {
  source: 'INBOX',
  destination: 'INBOX',
  missing: 0,
  refused: 0,
  extra: 0,
  flagDifferences: 0,
  samples: { missing: [], extra: [], flags: [] },
};
const TOTALS: AuditTotals = {
  folders: 2,
  missing: 0,
  refused: 1,
  extra: 0,
  changed: 2,
  flagDifferences: 0,
  filtered: 0,
  unverified: 0,
};
const COMPLETED: Outcome = {
  status: 'completed',
  error: null,
  line: { level: 'info', message: 'Migration completed' },
};

describe('audit outcome', () => {
  it('sums changed letters, and counts none from an auditor that does not report them', () => {
    const folders = [{ ...CLEAN, changed: 2 }, CLEAN];
    expect(auditTotals(folders, false).changed).toBe(2);
    expect(auditTotals([CLEAN], true)).toMatchObject({ changed: 0, extra: null });
  });

  it('lists a folder whose only finding is a changed letter', () => {
    const changed = { ...CLEAN, source: 'Sent', changed: 1 };
    expect(foldersWithFindings([CLEAN, changed])).toEqual([changed]);
  });

  it('says how many letters the destination changed, at info level', () => {
    expect(auditLine({ state: 'done', error: null, totals: TOTALS })).toEqual({
      level: 'info',
      message:
        'Verified 2 folders: 0 missing, 1 refused by the destination, ' +
        '2 changed by the destination, 0 extra, 0 with different flags',
    });
  });

  it('leaves a job complete when letters were only changed, not missing', () => {
    expect(auditedOutcome(COMPLETED, { state: 'done', error: null, totals: TOTALS })).toBe(
      COMPLETED,
    );
    const missing = { ...TOTALS, missing: 1 };
    expect(auditedOutcome(COMPLETED, { state: 'done', error: null, totals: missing }).status).toBe(
      'incomplete',
    );
  });
});

describe('an audit whose report is not whole', () => {
  it('waits for the parts, then records with the parts that came', () => {
    expect(reportState(3, 3, 1)).toBe('whole');
    expect(reportState(0, 0, 1)).toBe('whole');
    expect(reportState(2, 3, 1)).toBe('wait');
    expect(reportState(2, 3, REPORT_WAIT_DELIVERIES - 1)).toBe('wait');
    expect(reportState(2, 3, REPORT_WAIT_DELIVERIES)).toBe('partial');
  });

  it('says how much of the report came', () => {
    expect(reportIncompleteLine(1_200, 1_500)).toEqual({
      level: 'warning',
      message: 'The audit report is incomplete: 1200 of 1500 findings arrived',
    });
  });
});
