import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AuditedMessage, FolderAudit, JobAuditView } from '@btsx/contracts';
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

/** DONE with one INBOX message of `kind`: counted in the totals and the folder, and sampled. */
function oneFinding(kind: 'missing' | 'changed', sample: AuditedMessage): JobAuditView {
  return {
    ...DONE,
    totals: { ...DONE.totals!, [kind]: 1 },
    folders: [{ ...INBOX, [kind]: 1, samples: { ...INBOX.samples, [kind]: [sample] } }],
  };
}

function render(audit: JobAuditView): HTMLElement {
  const fixture = TestBed.createComponent(AuditCardComponent);
  fixture.componentRef.setInput('jobId', 'job 1');
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

  it('counts what the message filter left out apart, only when it left something out', () => {
    expect(render(DONE).querySelector('[data-testid="audit-filtered"]')).toBeNull();
    const text = render({ ...DONE, totals: { ...DONE.totals!, filtered: 1204 } }).textContent;
    expect(text).toContain('1,204 left out by the message filter: not compared, not missing.');
    expect(text).toContain('Every message is at the destination');
  });

  it('names the missing messages of a folder', () => {
    const audit = oneFinding('missing', { uid: 42, size: 10, messageId: '<m@x>' });
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

  it('counts the messages the destination changed, apart from the missing ones', () => {
    const el = render({ ...DONE, totals: { ...DONE.totals!, changed: 2 } });
    expect(el.textContent).toContain('Every message is at the destination');
    expect(el.querySelector('[data-testid="audit-changed"]')?.textContent?.trim()).toBe(
      '2 messages changed by the destination: there, but not byte for byte (not missing).',
    );
  });

  it('names the changed messages of a folder with both sizes', () => {
    const audit = oneFinding('changed', {
      uid: 7,
      size: 1210,
      messageId: '<c@x>',
      destinationUid: 3,
      destinationSize: 1204,
    });
    const text = (render(audit).textContent ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('1 changed by the destination ·');
    expect(text).toContain(
      'Changed by the destination: source UID 7 <c@x> (1,204 bytes there, 1,210 in the source)',
    );
  });

  it('says no more than before of a folder from an auditor without changed counts', () => {
    const text = render({ ...DONE, folders: [{ ...INBOX, refused: 1 }] }).textContent ?? '';
    expect(text).not.toContain('changed');
  });

  it("marks a deep audit as one that compared every message's SHA-256", () => {
    const note = "Deep verification: every message's SHA-256 compared.";
    expect(render({ ...DONE, deep: true }).textContent).toContain(note);
    expect(render(DONE).textContent).not.toContain('Deep verification');
  });

  it('links the CSV and JSON reports once the audit is done', () => {
    const links = [...render(DONE).querySelectorAll<HTMLAnchorElement>('a[download]')];
    expect(links.map((a) => [a.textContent?.trim(), a.getAttribute('href')])).toEqual([
      ['Download report (CSV)', '/api/jobs/job%201/audit/report.csv'],
      ['(JSON)', '/api/jobs/job%201/audit/report.json'],
    ]);
    expect(links[1].getAttribute('aria-label')).toBe('Download report (JSON)');
  });

  it('offers no report while the audit runs or when it failed', () => {
    const running = render({ ...DONE, state: 'running', totals: null });
    expect(running.querySelector('a[download]')).toBeNull();
    const failed = render({ ...DONE, state: 'failed', totals: null, error: 'no answer' });
    expect(failed.querySelector('a[download]')).toBeNull();
  });
});
