import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { PlanFolderView, PlanView } from '@btsx/contracts/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { PlanCardComponent } from './plan-card.component';

const INBOX: PlanFolderView = {
  source: 'INBOX',
  destination: 'INBOX',
  state: 'existing',
  renamedBecause: null,
  messages: 1200,
  bytes: 3_500_000,
  filtered: 4,
  tooLarge: 0,
};
const MOVED: PlanFolderView = {
  source: 'Projects/Alpha',
  destination: 'Work.Alpha',
  state: 'new',
  renamedBecause: 'by rule Projects/** => Work/$1',
  messages: 3,
  bytes: 40_000_000,
  filtered: 0,
  tooLarge: 2,
};
const PLAN: PlanView = {
  folders: [INBOX, MOVED],
  leftOut: [{ source: 'Trash', reason: 'excluded by \\Trash' }],
  totals: {
    folders: 2,
    newFolders: 1,
    messages: 1203,
    bytes: 43_500_000,
    filtered: 4,
    tooLarge: 2,
  },
  destinationLimit: 20_000_000,
  estimate: {
    seconds: 125,
    sourceRoundTripMs: 12.4,
    destinationRoundTripMs: 30,
    sourceBytesPerSecond: 2_000_000,
  },
};

describe('PlanCardComponent', () => {
  let fixture: ComponentFixture<PlanCardComponent>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(PlanCardComponent);
  });

  function show(inputs: Partial<Record<'plan' | 'loading' | 'error' | 'stale', unknown>>) {
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows the totals, the estimate with the measured round trips, and the limit', () => {
    const card = show({ plan: PLAN });
    const stats = [...card.querySelectorAll('.stats > div')].map((stat) =>
      [...stat.children].map(text).join(' '),
    );
    expect(stats).toEqual([
      'Folders 2',
      'New folders 1',
      'Messages 1,203',
      'Data 43.5 MB',
      'Filtered 4',
      'Too large 2',
      'Estimated duration 2m 5s',
    ]);
    expect(card.querySelector('.stats .bad')?.textContent).toContain('Too large');
    expect(text(card.querySelector('[data-testid="plan-measured"]'))).toBe(
      'Measured round trips: source 12 ms, destination 30 ms, the source sent 2.0 MB/s.' +
        ' The destination takes messages' +
        ' up to 20.0 MB. Messages too large for it are not copied and count as failed.',
    );
  });

  it('lists each folder: where it goes and why, new or existing, and its numbers', () => {
    const rows = [...show({ plan: PLAN }).querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map(text),
    );
    expect(rows).toEqual([
      ['INBOX', 'INBOX', 'Existing', '1,200', '3.5 MB', '4', '0'],
      [
        'Projects/Alpha',
        'Work.Alpha renamed: by rule Projects/** => Work/$1',
        'New',
        '3',
        '40.0 MB',
        '0',
        '2',
      ],
    ]);
    expect(show({}).querySelector('tbody tr:last-child td:last-child.bad')).not.toBeNull();
  });

  it('names the folders left out and why', () => {
    expect([...show({ plan: PLAN }).querySelectorAll('.left-out li')].map(text)).toEqual([
      'Trash: excluded by \\Trash',
    ]);
  });

  it('says so where the destination names no size limit', () => {
    const card = show({ plan: { ...PLAN, destinationLimit: null } });
    expect(card.querySelector('[data-testid="plan-measured"]')?.textContent).toContain(
      'The destination names no largest message size.',
    );
  });

  it('reads both mailboxes with a spinner, and shows a refusal as it came', () => {
    const loading = show({ loading: true });
    expect(loading.querySelector('mat-spinner')).not.toBeNull();
    expect(text(loading.querySelector('.loading'))).toBe('Reading both mailboxes…');
    const refused = show({ loading: false, error: 'Rule "A => B" writes outside your folders' });
    expect(text(refused.querySelector('[role="alert"]'))).toBe(
      'Rule "A => B" writes outside your folders',
    );
  });

  it('offers Redraw once the options changed, and asks for it', () => {
    let asked = 0;
    fixture.componentInstance.redraw.subscribe(() => asked++);
    const card = show({ plan: PLAN, stale: true });
    const stale = card.querySelector('[data-testid="plan-stale"]')!;
    expect(text(stale)).toBe('Options changed: redraw the plan Redraw');
    stale.querySelector('button')!.click();
    expect(asked).toBe(1);
    expect(show({ stale: false }).querySelector('[data-testid="plan-stale"]')).toBeNull();
  });
});
