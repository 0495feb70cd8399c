import type { AuditTotals, FolderAudit, JobAuditView } from '@btsx/contracts';
import { formatAudit } from './verify-report';

const DONE: JobAuditView = {
  id: 'a1',
  trigger: 'on_demand',
  state: 'done',
  requestedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  error: null,
  deleteSource: false,
  deep: false,
  totals: {
    folders: 3,
    missing: 0,
    refused: 0,
    extra: 0,
    changed: 0,
    flagDifferences: 0,
    filtered: 0,
    unverified: 0,
  },
  folders: [],
};

const INBOX: FolderAudit = {
  source: 'INBOX',
  destination: 'INBOX',
  missing: 0,
  refused: 0,
  extra: 0,
  flagDifferences: 0,
  samples: { missing: [], extra: [], flags: [] },
};

describe('formatAudit', () => {
  it('counts the changed messages with the others', () => {
    const [line] = formatAudit({ ...DONE, totals: { ...DONE.totals!, changed: 1204 } });
    expect(line).toBe(
      'Audit:        3 folders compared: 0 missing · 0 refused · 1,204 changed by the destination · 0 extra · 0 with other flags',
    );
  });

  it('leaves the changed count out when the server sent none', () => {
    const older: Partial<AuditTotals> = { ...DONE.totals! };
    delete older.changed;
    const [line] = formatAudit({ ...DONE, totals: older as AuditTotals });
    expect(line).not.toContain('changed');
  });

  it("says a deep audit compared every message's SHA-256", () => {
    expect(formatAudit({ ...DONE, deep: true })).toContain(
      "              (deep: every message's SHA-256 compared)",
    );
    expect(formatAudit(DONE).join('\n')).not.toContain('deep');
  });

  it('says a deep audit is running', () => {
    expect(formatAudit({ ...DONE, deep: true, state: 'running', totals: null })).toEqual([
      'Audit:        running (deep)…',
    ]);
  });

  it('lists changed samples with both sizes, like missing ones', () => {
    const lines = formatAudit({
      ...DONE,
      totals: { ...DONE.totals!, missing: 1, changed: 2 },
      folders: [
        {
          ...INBOX,
          missing: 1,
          changed: 2,
          samples: {
            ...INBOX.samples,
            missing: [{ uid: 7, size: 100, messageId: '<m@x>' }],
            changed: [
              { uid: 8, size: 1210, messageId: '<c@x>', destinationUid: 3, destinationSize: 1204 },
              { uid: 9, size: 50 },
            ],
          },
        },
      ],
    });
    expect(lines.slice(1)).toEqual([
      '  INBOX → INBOX: 1 missing, 2 changed by the destination',
      '    missing: source UID 7 <m@x>',
      '    changed: source UID 8 <c@x> (1,204 bytes there, 1,210 in the source)',
      '    changed: source UID 9 (50 bytes in the source)',
    ]);
  });

  it('reads folders of an auditor older than the changed samples', () => {
    const lines = formatAudit({ ...DONE, folders: [{ ...INBOX, refused: 1 }] });
    expect(lines.slice(1)).toEqual(['  INBOX → INBOX: 1 refused']);
  });
});
