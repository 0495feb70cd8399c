import type { PlanView } from '@btsx/contracts';
import { formatPlan } from './plan-summary';

const PLAN: PlanView = {
  folders: [
    {
      source: 'INBOX',
      destination: 'INBOX',
      state: 'existing',
      renamedBecause: null,
      messages: 1204,
      bytes: 52_000_000,
      filtered: 310,
      tooLarge: 2,
    },
    {
      source: 'Projects/2024',
      destination: 'Work.2024',
      state: 'new',
      renamedBecause: 'by rule Projects/** => Work/$1',
      messages: 7,
      bytes: 9_000,
      filtered: 0,
      tooLarge: 0,
    },
  ],
  leftOut: [{ source: 'Trash', reason: 'excluded by \\Trash' }],
  totals: {
    folders: 2,
    newFolders: 1,
    messages: 1211,
    bytes: 52_009_000,
    filtered: 310,
    tooLarge: 2,
  },
  destinationLimit: 35 * 1024 * 1024,
  estimate: {
    seconds: 83.4,
    sourceRoundTripMs: 12.5,
    destinationRoundTripMs: 40,
    sourceBytesPerSecond: 20_000_000,
  },
};

describe('formatPlan', () => {
  it('prints the totals, the estimate, each folder in columns with why it was renamed, and what is left out', () => {
    expect(formatPlan(PLAN).split('\n')).toEqual([
      'Folders:      2 (1 new at the destination)',
      'Messages:     1,211 to copy · 310 filtered · 2 too large (the destination takes up to 36.7 MB)',
      'Data:         52.0 MB',
      'Estimate:     about 1m 23s (round trips: source 12.5 ms, destination 40 ms; the source sent 20 MB/s)',
      '',
      'Source folder  Destination folder  State     Messages     Data  Filtered  Too large',
      'INBOX          INBOX               existing     1,204  52.0 MB       310          2',
      'Projects/2024  Work.2024           new              7   9.0 kB         0          0',
      '  renamed: by rule Projects/** => Work/$1',
      '',
      'Left out (1):',
      '  Trash: excluded by \\Trash',
      '',
    ]);
  });
});
