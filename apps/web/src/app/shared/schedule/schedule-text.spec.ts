import { describe, expect, it } from 'vitest';
import { formatPassChanges, formatScheduleOptions, formatScheduleTime } from './schedule-text';

describe('a schedule in words', () => {
  it("shows a time in the person's zone, and in the schedule's when it is another", () => {
    const at = '2026-12-05T19:00:00Z';
    expect(formatScheduleTime(at, 'Europe/Berlin', 'Europe/Berlin')).toBe(
      '2026-12-05 20:00 (Europe/Berlin)',
    );
    expect(formatScheduleTime(at, 'Europe/Berlin', 'America/New_York')).toBe(
      '2026-12-05 14:00 (America/New_York) · 2026-12-05 20:00 (Europe/Berlin)',
    );
  });

  it('says what a delta pass found changed, and nothing for a full pass', () => {
    expect(formatPassChanges(null)).toBe('—');
    expect(formatPassChanges({ flagsChanged: 0, removed: 0, renumberedFolders: 0 })).toBe(
      'No flags changed, nothing removed',
    );
    expect(formatPassChanges({ flagsChanged: 2, removed: 1, renumberedFolders: 1 })).toBe(
      '2 messages with new flags, 1 message removed at the source, ' +
        '1 folder renumbered (checked message by message)',
    );
  });

  it('names the options the passes run with', () => {
    const off = {
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: false,
      reconcileExisting: false,
    };
    expect(formatScheduleOptions({ ...off, verify: false })).toBe('none');
    expect(formatScheduleOptions({ ...off, mirrorDeletions: true })).toBe(
      'Verify, Mirror deletions',
    );
  });
});
