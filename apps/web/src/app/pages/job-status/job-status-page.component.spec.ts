import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MatDialog } from '@angular/material/dialog';
import type { JobAuditView, JobStatusLine, JobView } from '@btsx/contracts';
import { of } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventSourceLike } from '../../shared/job-events/job-event-stream';
import { EVENT_SOURCE_FACTORY } from '../../shared/job-events/job-events.service';
import { JobStatusPageComponent } from './job-status-page.component';
import { SIGN_IN_AGAIN_MEMORY_KEY } from './sign-in-again-memory';

class FakeEventSource implements EventSourceLike {
  readyState = 1;
  onerror: ((event: Event) => void) | null = null;
  onopen: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data: unknown): void {
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  close(): void {
    this.closed = true;
  }
}

const JOB: JobView = {
  id: 'job-1',
  status: 'running',
  options: {
    deleteSource: false,
    foldersOnly: false,
    progressUpdates: true,
    reconcileExisting: false,
  },
  source: {
    host: 'imap.old.example',
    port: 993,
    security: 'tls',
    username: 'alice@old.example',
    tlsInsecure: false,
    provider: null,
  },
  destination: {
    host: 'imap.new.example',
    port: 993,
    security: 'tls',
    username: 'alice@new.example',
    tlsInsecure: false,
    provider: null,
  },
  restartedFrom: null,
  counters: { total: null, copied: 0, skipped: 0, failed: 0, filtered: 0, bytes: 0 },
  folders: [],
  failures: [],
  audit: null,
  error: null,
  createdAt: '2026-01-01T10:00:00Z',
  startedAt: '2026-01-01T10:00:01Z',
  finishedAt: null,
  retentionDays: 7,
  expiresAt: null,
  waitingUntil: null,
};

describe('JobStatusPageComponent', () => {
  let fixture: ComponentFixture<JobStatusPageComponent>;
  let http: HttpTestingController;
  let sources: FakeEventSource[];

  beforeEach(() => {
    sources = [];
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: EVENT_SOURCE_FACTORY,
          useValue: (url: string) => sources[sources.push(new FakeEventSource(url)) - 1],
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(JobStatusPageComponent);
    fixture.componentRef.setInput('id', 'job-1');
  });

  /** Lets the awaited HTTP answer run, then renders. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';

  async function loadJob(job: JobView = JOB): Promise<FakeEventSource> {
    fixture.detectChanges();
    http.expectOne('/api/jobs/job-1').flush(job);
    await settle();
    return sources[0];
  }

  /**
   * Loads the job and ends it; the sign-in dialog opened from it closes with the job and
   * the audit `id` running, as the orchestrator answers a verify request.
   */
  async function endJobWithDialogAnswering({ id, deep }: Pick<JobAuditView, 'id' | 'deep'>) {
    const ended: JobView = { ...JOB, status: 'completed', finishedAt: '2026-01-01T10:05:00Z' };
    const running: JobAuditView = {
      id,
      trigger: 'on_demand',
      state: 'running',
      requestedAt: '2026-01-02T10:00:00Z',
      finishedAt: null,
      error: null,
      deleteSource: false,
      deep,
      totals: null,
      folders: [],
    };
    const open = vi
      .spyOn(TestBed.inject(MatDialog), 'open')
      .mockReturnValue({ afterClosed: () => of({ ...ended, audit: running }) } as never);
    const source = await loadJob();
    source.emit('end', ended);
    await fixture.whenStable();
    return { ended, running, open };
  }

  it('connects to the job event stream', async () => {
    const source = await loadJob();
    expect(source.url).toBe('/api/jobs/job-1/events');
  });

  it('renders status lines as they arrive, warnings styled apart', async () => {
    const source = await loadJob();
    const lines: JobStatusLine[] = [
      { id: 1, at: '2026-01-01T10:00:02Z', level: 'info', message: 'Reading the source folders.' },
      {
        id: 2,
        at: '2026-01-01T10:00:03Z',
        level: 'warning',
        message: 'The destination throttled us.',
      },
    ];
    for (const line of lines) source.emit('status', line);
    await fixture.whenStable();
    expect(text()).toContain('Reading the source folders.');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('li.warning')?.textContent,
    ).toContain('throttled');
  });

  it('shows the counting state before the total is known', async () => {
    const source = await loadJob();
    source.emit('progress', { status: 'running', counters: JOB.counters });
    await fixture.whenStable();
    expect(text()).toContain('Counting messages');
  });

  it('fills the folder table from progress events without fetching the job again', async () => {
    const inbox = {
      source: 'INBOX',
      destination: 'INBOX',
      total: 3,
      copied: 0,
      skipped: 0,
      filtered: 0,
      failed: 0,
      state: 'pending' as const,
      error: null,
      rule: null,
    };
    const source = await loadJob({ ...JOB, folders: [inbox] });
    source.emit('progress', {
      status: 'running',
      counters: { ...JOB.counters, total: 3, copied: 2 },
      folders: [{ ...inbox, copied: 2, state: 'copying', position: 0 }],
    });
    await fixture.whenStable();
    const row = (fixture.nativeElement as HTMLElement).querySelector('btsx-folder-table tbody tr');
    expect(row?.textContent).toContain('Copying');
    expect(row?.querySelectorAll('td')[2].textContent?.trim()).toBe('2');
    http.expectNone('/api/jobs/job-1');
  });

  it('shows the final state and closes the stream on end', async () => {
    const source = await loadJob();
    source.emit('end', { ...JOB, status: 'completed', finishedAt: '2026-01-01T10:05:00Z' });
    await fixture.whenStable();
    expect(text()).toContain('Completed');
    expect(text()).toContain('deleted automatically 7 days after it');
    expect(source.closed).toBe(true);
  });

  it("states the orchestrator's retention and deletion date", async () => {
    const source = await loadJob();
    source.emit('end', {
      ...JOB,
      status: 'completed',
      finishedAt: '2026-01-01T10:05:00Z',
      retentionDays: 30,
      expiresAt: '2026-01-31T10:05:00Z',
    });
    await fixture.whenStable();
    expect(text()).toContain('deleted automatically 30 days after it');
    expect(text()).toContain('Jan 31, 2026');
  });

  it('offers Restart once the job has finished, not while it runs', async () => {
    const source = await loadJob();
    const buttons = () =>
      [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].map((b) =>
        b.textContent?.trim(),
      );
    expect(buttons()).not.toContain('Restart');
    source.emit('end', { ...JOB, status: 'cancelled', finishedAt: '2026-01-01T10:05:00Z' });
    await fixture.whenStable();
    expect(buttons()).toContain('Restart');
  });

  it('offers Verify again and Verify (deep) for a job that finished copying, not for a failed one', async () => {
    const source = await loadJob();
    expect(text()).not.toContain('Verify again');
    source.emit('end', { ...JOB, status: 'completed', finishedAt: '2026-01-01T10:05:00Z' });
    await fixture.whenStable();
    expect(text()).toContain('Verify again');
    expect(text()).toContain('Verify (deep)');
    source.emit('end', { ...JOB, status: 'failed', finishedAt: '2026-01-01T10:05:00Z' });
    await fixture.whenStable();
    expect(text()).not.toContain('Verify again');
    expect(text()).not.toContain('Verify (deep)');
  });

  it('verifies again after signing in and shows the new audit when it comes', async () => {
    const { ended, running, open } = await endJobWithDialogAnswering({
      id: 'audit-2',
      deep: false,
    });
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(
      'button.verify',
    )!;
    button.click();
    await settle();
    expect(open.mock.calls[0][1]?.data).toMatchObject({ purpose: 'verify', job: { id: 'job-1' } });
    expect(text()).toContain('Comparing every folder with the destination');
    expect(button.disabled).toBe(true);

    const totals = { folders: 2, missing: 1, refused: 0, extra: 0, changed: 0, flagDifferences: 0 };
    await vi.waitFor(
      () =>
        http.expectOne('/api/jobs/job-1').flush({
          ...ended,
          status: 'incomplete',
          audit: { ...running, state: 'done', totals: { ...totals, unverified: 0 } },
        }),
      { timeout: 5_000 },
    );
    await settle();
    expect(text()).toContain('1 message is missing at the destination (2 folders compared).');
    expect(text()).toContain('Finished, but messages are missing at the destination');
    expect(button.disabled).toBe(false);
  });

  it('verifies in depth through the same sign-in and says which verification runs', async () => {
    const { open } = await endJobWithDialogAnswering({ id: 'audit-3', deep: true });
    const el = fixture.nativeElement as HTMLElement;
    const deep = el.querySelector<HTMLButtonElement>('button.verify-deep')!;
    expect(deep.textContent?.trim()).toBe('Verify (deep)');
    deep.click();
    await settle();
    expect(open.mock.calls[0][1]?.data).toMatchObject({
      purpose: 'verify-deep',
      job: { id: 'job-1' },
    });
    expect(deep.disabled).toBe(true);
    expect(deep.textContent?.trim()).toBe('Verifying…');
    expect(el.querySelector<HTMLButtonElement>('button.verify')?.textContent?.trim()).toBe(
      'Verify again',
    );
    expect(text()).toContain("Deep verification: every message's SHA-256 compared.");
    fixture.destroy();
  });

  it("opens the sign-in dialog again on coming back from the provider's sign-in", async () => {
    sessionStorage.setItem(
      SIGN_IN_AGAIN_MEMORY_KEY,
      JSON.stringify({
        version: 1,
        jobId: 'job-1',
        purpose: 'verify-deep',
        side: 'source',
        signedIn: {},
      }),
    );
    history.replaceState(null, '', '/jobs/job-1#oauth=source:cred-google:alice%40gmail.test');
    const open = vi
      .spyOn(TestBed.inject(MatDialog), 'open')
      .mockReturnValue({ afterClosed: () => of(undefined) } as never);
    const back = TestBed.createComponent(JobStatusPageComponent);
    back.componentRef.setInput('id', 'job-1');
    back.detectChanges();
    const ended: JobView = { ...JOB, status: 'completed', finishedAt: '2026-01-01T10:05:00Z' };
    for (const request of http.match('/api/jobs/job-1')) request.flush(ended);
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0][1]?.data).toEqual({
      job: ended,
      purpose: 'verify-deep',
      returned: { source: { credentialId: 'cred-google' } },
    });
    expect(location.hash).toBe('');
    history.replaceState(null, '', '/');
  });

  it('links a restarted job to the job it restarted', async () => {
    await loadJob({ ...JOB, restartedFrom: 'job-0' });
    const link = (fixture.nativeElement as HTMLElement).querySelector('.restarted a');
    expect(link?.getAttribute('href')).toBe('/jobs/job-0');
    expect(text()).toContain('Restart of job job-0');
  });

  it('says a Folders Only job is a dry run, in the header and when it completed', async () => {
    const foldersOnly = { ...JOB, options: { ...JOB.options, foldersOnly: true } };
    const source = await loadJob(foldersOnly);
    expect(text()).toContain('a dry run of the folder structure');
    expect(text()).toContain('no messages are copied');
    source.emit('end', { ...foldersOnly, status: 'completed', finishedAt: '2026-01-01T10:05:00Z' });
    await fixture.whenStable();
    expect(text()).toContain('The folder structure has been created');
    expect(text()).toContain('no messages were copied');
  });

  it('shows "No such job" for an unknown id', async () => {
    fixture.detectChanges();
    http
      .expectOne('/api/jobs/job-1')
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'No such job' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    expect(text()).toContain('No such job');
    expect(sources).toHaveLength(0);
  });

  it('shows until when a job waits for a quota, and counts the wait in the time left', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3600_000 + 30_000).toISOString();
    const counters = { total: 100, copied: 40, skipped: 0, failed: 0, filtered: 0, bytes: 0 };
    const source = await loadJob({ ...JOB, counters });
    source.emit('progress', { status: 'running', counters, waitingUntil: inTwoHours });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-testid="waiting-until"]')?.textContent?.trim()).toMatch(
      /\d{1,2}:\d{2}/,
    );
    // No rate measured yet: at least the wait.
    expect(text()).toContain('Time left2h 0m');

    source.emit('progress', { status: 'running', counters, waitingUntil: null });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="waiting-until"]')).toBeNull();
  });
});
