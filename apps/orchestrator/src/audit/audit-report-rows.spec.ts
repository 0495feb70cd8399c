import { AuditFinding } from '@btsx/contracts';
import {
  findingReason,
  findingRow,
  reportRow,
  StoredFinding,
  UNLISTED_FOLDER_POSITION,
} from './audit-report-rows';

const PART = { auditId: 'audit-1', attempt: 2, part: 3 };
const MISSING: AuditFinding = {
  kind: 'missing',
  sourceFolder: 'INBOX',
  destinationFolder: 'Inbox',
  sourceUid: 7,
  sourceSize: 1_240,
  messageId: '<a@example.test>',
  subject: 'Hello',
};

function stored(finding: AuditFinding, failureReason: string | null = null): StoredFinding {
  return { ...findingRow(PART, 0, finding, 0), failureReason };
}

describe('audit report rows', () => {
  it('gives every kind its reason in words', () => {
    expect(findingReason({ kind: 'missing' })).toBe('not at the destination');
    expect(findingReason({ kind: 'extra' })).toBe('at the destination only');
    expect(findingReason({ kind: 'flags' })).toBe('flags differ');
  });

  it("quotes the server's reason for a refusal, and says refused when none was recorded", () => {
    expect(findingReason({ kind: 'refused' }, 'Message too large')).toBe('Message too large');
    expect(findingReason({ kind: 'refused' })).toBe('refused by the destination');
  });

  it('says how the sizes of a changed letter differ, with thousands separated', () => {
    expect(findingReason({ kind: 'changed', sourceSize: 1_240, destinationSize: 1_234 })).toBe(
      'changed by the destination: 1,234 bytes there, 1,240 in the source',
    );
    expect(findingReason({ kind: 'changed', sourceSize: 2_000_000, destinationSize: 999 })).toBe(
      'changed by the destination: 999 bytes there, 2,000,000 in the source',
    );
    expect(findingReason({ kind: 'changed' })).toBe('changed by the destination');
  });

  it('sorts by folder position, kind, then the source UID or the destination one', () => {
    expect(findingRow(PART, 4, MISSING, 2)).toMatchObject({
      ...PART,
      position: 4,
      folderPosition: 2,
      kindRank: 0,
      uid: 7,
    });
    const extra: AuditFinding = { kind: 'extra', sourceFolder: 'X', destinationFolder: 'X' };
    expect(findingRow(PART, 0, { ...extra, destinationUid: 9 }, 1)).toMatchObject({
      kindRank: 3,
      uid: 9,
    });
    expect(findingRow(PART, 0, extra, undefined).folderPosition).toBe(UNLISTED_FOLDER_POSITION);
  });

  it('gives back the finding with only the fields it has, and its reason', () => {
    expect(reportRow(stored(MISSING))).toEqual({ ...MISSING, reason: 'not at the destination' });
    const flags: AuditFinding = {
      kind: 'flags',
      sourceFolder: 'INBOX',
      destinationFolder: 'INBOX',
      sourceUid: 1,
      destinationUid: 5,
      sourceFlags: ['\\Seen'],
      destinationFlags: [],
    };
    expect(reportRow(stored(flags))).toEqual({ ...flags, reason: 'flags differ' });
  });
});
