import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { canVerifyAgain, isTerminal, type JobStatus, type JobView } from '@btsx/contracts/core';
import { describeApiError, errorStatus } from '../../shared/api/api-error';
import { BtsxApi } from '../../shared/api/btsx-api.service';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import {
  formatByteRate,
  formatBytes,
  formatDuration,
  formatMessageRate,
  formatStatus,
  messagesDone,
  percentDone,
} from '@btsx/format';
import { IconComponent } from '../../shared/icon/icon.component';
import { AccountRouteComponent } from '../../shared/page-parts/account-route.component';
import { BookmarkButtonComponent } from '../../shared/page-parts/bookmark-button.component';
import { LoadStateComponent, type PageLoad } from '../../shared/page-parts/load-state.component';
import { PageNoteComponent } from '../../shared/page-parts/page-note.component';
import { BrowserLocation } from '../../shared/oauth/browser-location';
import { JobEventStream } from '../../shared/job-events/job-event-stream';
import { JobEvents } from '../../shared/job-events/job-events.service';
import { AuditCardComponent } from './audit-card.component';
import { FolderTableComponent } from './folder-table.component';
import { applyProgress } from './job-progress';
import { averageRate, RateMeter } from './rate-meter';
import { timeLeftMs, WAIT_CLOCK_MS } from './time-left';
import {
  RestartDialogComponent,
  RestartDialogData,
  RestartDialogResult,
  SignInAgainPurpose,
} from './restart-dialog.component';
import { ReturnedSignIns, SignInAgainReturn, takeSignInAgain } from './sign-in-again-memory';
import { SchedulePassLineComponent } from './schedule-pass-line.component';
import { StatusLogComponent } from './status-log.component';

/** How often to ask whether a verification asked for here has finished (as `btsx verify`). */
const AUDIT_POLL_MS = 1_000;

@Component({
  selector: 'btsx-job-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    IconComponent,
    StatusLogComponent,
    FolderTableComponent,
    AuditCardComponent,
    SchedulePassLineComponent,
    AccountRouteComponent,
    BookmarkButtonComponent,
    LoadStateComponent,
    PageNoteComponent,
  ],
  templateUrl: './job-status-page.component.html',
  styleUrl: './job-status-page.component.scss',
})
export class JobStatusPageComponent {
  /** The last part of the URL (`/jobs/:id`), bound by the router. */
  readonly id = input.required<string>();

  private readonly api = inject(BtsxApi);
  private readonly events = inject(JobEvents);
  private readonly confirm = inject(Confirm);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly meter = new RateMeter();
  private destroyed = false;
  /** Back from a provider's sign-in asked for by the Restart or Verify dialog. */
  private returning: SignInAgainReturn | null = takeSignInAgain(inject(BrowserLocation));

  protected readonly load = signal<PageLoad>('loading');
  protected readonly loadError = signal('');
  protected readonly view = signal<JobView | null>(null);
  protected readonly stream = signal<JobEventStream | null>(null);
  protected readonly busy = signal<'cancel' | 'delete' | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly showBookmarkHelp = signal(false);
  protected readonly formatStatus = formatStatus;
  protected readonly formatBytes = formatBytes;

  // Once the stream has ended, the view is newer: a verification may change the verdict.
  protected readonly status = computed<JobStatus | null>(() =>
    this.stream()?.final()
      ? (this.view()?.status ?? null)
      : (this.stream()?.progress()?.status ?? this.view()?.status ?? null),
  );
  protected readonly finished = computed(() => {
    const status = this.status();
    return status !== null && isTerminal(status);
  });
  protected readonly verifiable = computed(() => {
    const status = this.status();
    return status !== null && canVerifyAgain(status) && !this.view()?.options.foldersOnly;
  });
  protected readonly auditRunning = computed(() => this.view()?.audit?.state === 'running');
  /** Which of the two Verify buttons says "Verifying…": the one the running audit came from. */
  protected readonly deepRunning = computed(
    () => this.auditRunning() && !!this.view()?.audit?.deep,
  );
  protected readonly counters = computed(
    () => this.stream()?.progress()?.counters ?? this.view()?.counters ?? null,
  );
  protected readonly lines = computed(() => this.stream()?.newestFirst() ?? []);
  protected readonly done = computed(() => {
    const c = this.counters();
    return c ? messagesDone(c) : 0;
  });
  protected readonly percent = computed(() => {
    const c = this.counters();
    return c ? percentDone(c) : null;
  });
  protected readonly rate = computed(() => {
    this.counters(); // re-measure on every progress event
    const v = this.view();
    const c = this.counters();
    if (this.finished() && v && c)
      return averageRate(this.done(), c.bytes, v.startedAt, v.finishedAt);
    return this.meter.rate();
  });
  protected readonly throughput = computed(() => {
    const rate = this.rate();
    return rate
      ? `${formatMessageRate(rate.messagesPerSecond)} · ${formatByteRate(rate.bytesPerSecond)}`
      : '—';
  });
  /** While the job waits for a transfer quota: when it resumes (the status lines say which). */
  protected readonly waitingUntil = computed(() => {
    const progress = this.stream()?.progress();
    const until =
      progress?.waitingUntil !== undefined ? progress.waitingUntil : this.view()?.waitingUntil;
    return until && Date.parse(until) > this.clock() && !this.finished() ? new Date(until) : null;
  });
  /** Now, re-read every WAIT_CLOCK_MS: a waiting job's time left shrinks with no event. */
  private readonly clock = signal(Date.now());
  protected readonly eta = computed(() => {
    const total = this.counters()?.total;
    if (this.finished() || total == null) return '—';
    const until = this.waitingUntil()?.toISOString() ?? null;
    const ms = timeLeftMs(total - this.done(), this.rate(), until, this.clock());
    return ms === null ? '—' : formatDuration(ms);
  });
  /** The orchestrator's own date: its retention is configurable. */
  protected readonly deletesOn = computed(() => {
    const expiresAt = this.view()?.expiresAt;
    return expiresAt ? new Date(expiresAt) : null;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.open(id));
    });
    // Every progress event: a throughput sample, and what changed of the job (folder rows
    // included) into the view, until the stream's final view takes over.
    effect(() => {
      const progress = this.stream()?.progress();
      if (!progress) return;
      untracked(() => {
        const { counters } = progress;
        this.meter.add(Date.now(), messagesDone(counters), counters.bytes);
        if (this.stream()?.final()) return;
        this.view.update((view) => view && applyProgress(view, progress));
      });
    });
    effect(() => {
      const final = this.stream()?.final();
      if (final) untracked(() => this.view.set(final));
    });
    const ticking = setInterval(() => this.clock.set(Date.now()), WAIT_CLOCK_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(ticking);
      this.destroyed = true;
      this.stream()?.close();
    });
  }

  protected async cancel(): Promise<void> {
    const yes = await this.confirm.ask({
      title: 'Cancel this migration?',
      message: 'Copying stops within seconds. Messages already copied stay in the destination.',
      confirm: 'Cancel migration',
      dismiss: 'Keep running',
      destructive: true,
    });
    if (!yes) return;
    await this.act('cancel', () => this.api.cancelJob(this.id()));
  }

  /**
   * Signs both accounts in again, restarts (or runs a delta pass: only what changed since),
   * and moves to the new job's page.
   */
  protected async restart(delta = false, returned?: ReturnedSignIns): Promise<void> {
    const newId = await this.signInAgain(delta ? 'delta' : 'restart', returned);
    if (typeof newId === 'string') await this.router.navigate(['/jobs', newId]);
  }

  /**
   * Signs both accounts in again, runs the audit again (deep: comparing every message's
   * SHA-256), and shows its answer when it comes.
   */
  protected async verify(deep = false, returned?: ReturnedSignIns): Promise<void> {
    const job = await this.signInAgain(deep ? 'verify-deep' : 'verify', returned);
    if (!job || typeof job === 'string') return;
    this.view.set(job);
    await this.followAudit();
  }

  /** Opens the dialog the provider's sign-in left, with what its accounts brought back. */
  private resume({ purpose, returned }: SignInAgainReturn): Promise<void> {
    if (purpose === 'restart' || purpose === 'delta')
      return this.restart(purpose === 'delta', returned);
    return this.verify(purpose === 'verify-deep', returned);
  }

  private async signInAgain(
    purpose: SignInAgainPurpose,
    returned?: ReturnedSignIns,
  ): Promise<RestartDialogResult | undefined> {
    const job = this.view();
    if (!job) return undefined;
    const ref = this.dialog.open<RestartDialogComponent, RestartDialogData, RestartDialogResult>(
      RestartDialogComponent,
      {
        data: { job, purpose, returned },
        width: '480px',
        maxWidth: 'calc(100vw - 32px)',
        autoFocus: 'input',
      },
    );
    return firstValueFrom(ref.afterClosed());
  }

  /** The stream of an ended job is over: ask until this audit is no longer running. */
  private async followAudit(): Promise<void> {
    while (!this.destroyed && this.auditRunning()) {
      await new Promise((resolve) => setTimeout(resolve, AUDIT_POLL_MS));
      try {
        this.view.set(await this.api.getJob(this.id()));
      } catch {
        // A passing failure: the next round asks again.
      }
    }
  }

  protected async remove(): Promise<void> {
    const yes = await this.confirm.ask({
      title: 'Delete this job?',
      message:
        'The job, its status history and its record are deleted now. Your mail is not touched.',
      confirm: 'Delete job',
      dismiss: 'Keep it',
      destructive: true,
    });
    if (!yes) return;
    if (await this.act('delete', () => this.api.deleteJob(this.id()))) {
      this.stream()?.close();
      await this.router.navigateByUrl('/');
    }
  }

  private async act(kind: 'cancel' | 'delete', call: () => Promise<unknown>): Promise<boolean> {
    this.busy.set(kind);
    this.actionError.set(null);
    try {
      await call();
      return true;
    } catch (error) {
      this.actionError.set(describeApiError(error));
      void this.refreshView();
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  private async open(id: string): Promise<void> {
    this.stream()?.close();
    this.stream.set(null);
    this.load.set('loading');
    try {
      this.view.set(await this.api.getJob(id));
      this.load.set('ready');
    } catch (error) {
      this.loadError.set(describeApiError(error));
      this.load.set(errorStatus(error) === 404 ? 'missing' : 'error');
      return;
    }
    // Always connect, even for a finished job: the stream replays the status history, then ends.
    const stream = this.events.stream(id);
    this.stream.set(stream);
    stream.open();
    const returning = this.returning;
    this.returning = null;
    if (returning?.jobId === id) void this.resume(returning);
  }

  protected retry(): void {
    void this.open(this.id());
  }

  private async refreshView(): Promise<void> {
    try {
      const fresh = await this.api.getJob(this.id());
      if (!this.stream()?.final()) this.view.set(fresh);
    } catch {
      // The live stream still tells the status; the next event tries again.
    }
  }
}
