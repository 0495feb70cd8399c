import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { JobAuditView } from '@btsx/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditCardComponent } from './audit-card.component';

const DONE: JobAuditView = {
  id: 'a1',
  trigger: 'automatic',
  state: 'done',
  requestedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  error: null,
  deleteSource: false,
  totals: { folders: 3, missing: 0, refused: 0, extra: 0, flagDifferences: 0, unverified: 0 },
  folders: [],
};

function render(audit: JobAuditView): HTMLElement {
  const fixture = TestBed.createComponent(AuditCardComponent);
  fixture.componentRef.setInput('audit', audit);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('AuditCardComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  });

  it('says every message arrived when nothing is missing', () => {
    expect(render(DONE).textContent).toContain(
      'Every message is at the destination (3 folders compared).',
    );
  });

  it('names the missing messages of a folder', () => {
    const audit: JobAuditView = {
      ...DONE,
      totals: { ...DONE.totals!, missing: 1 },
      folders: [
        {
          source: 'INBOX',
          destination: 'INBOX',
          missing: 1,
          refused: 0,
          extra: 0,
          flagDifferences: 0,
          samples: { missing: [{ uid: 42, size: 10, messageId: '<m@x>' }], extra: [], flags: [] },
        },
      ],
    };
    const text = render(audit).textContent ?? '';
    expect(text).toContain('1 message is missing at the destination');
    expect(text).toContain('Missing: source UID 42 <m@x>');
  });

  it('says why an audit could not run', () => {
    const text = render({
      ...DONE,
      state: 'failed',
      totals: null,
      error: 'source account: login refused',
    }).textContent;
    expect(text).toContain('The verification could not run: source account: login refused');
  });
});
