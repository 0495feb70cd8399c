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
import { scheduleEnded, type ScheduleView } from '@btsx/contracts/core';
import { describeApiError, errorStatus } from '../../shared/api/api-error';
import { BtsxApi } from '../../shared/api/btsx-api.service';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { IconComponent } from '../../shared/icon/icon.component';
import { AccountRouteComponent } from '../../shared/page-parts/account-route.component';
import { BookmarkButtonComponent } from '../../shared/page-parts/bookmark-button.component';
import { LoadStateComponent, type PageLoad } from '../../shared/page-parts/load-state.component';
import { PageNoteComponent } from '../../shared/page-parts/page-note.component';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { SchedulePassesComponent } from './schedule-passes.component';
import {
  formatScheduleOptions,
  formatScheduleState,
  formatScheduleTime,
} from '../../shared/schedule/schedule-text';

/** How often a live schedule's page asks for news: passes last minutes, intervals hours. */
export const SCHEDULE_POLL_MS = 3_000;

/** `/schedules/:id`: a schedule's passes so far, its next pass, Final pass and Cancel. */
@Component({
  selector: 'btsx-schedule-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatCardModule,
    AccountRouteComponent,
    BookmarkButtonComponent,
    LoadStateComponent,
    PageNoteComponent,
    IconComponent,
    SchedulePassesComponent,
  ],
  templateUrl: './schedule-page.component.html',
  styleUrl: './schedule-page.component.scss',
})
export class SchedulePageComponent {
  /** The last part of the URL (`/schedules/:id`), bound by the router. */
  readonly id = input.required<string>();

  private readonly api = inject(BtsxApi);
  private readonly confirm = inject(Confirm);

  protected readonly load = signal<PageLoad>('loading');
  protected readonly loadError = signal('');
  protected readonly view = signal<ScheduleView | null>(null);
  protected readonly busy = signal<'final' | 'cancel' | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly showBookmarkHelp = signal(false);
  protected readonly formatState = formatScheduleState;
  protected readonly formatOptions = formatScheduleOptions;

  protected readonly live = computed(() => {
    const view = this.view();
    return view !== null && !scheduleEnded(view.state);
  });
  /** The final pass can be asked for once, while the schedule is live. */
  protected readonly canAskFinal = computed(
    () => this.live() && this.view()?.state !== 'final-requested',
  );

  private readonly viewerZone = browserTimeZone();

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.open(id));
    });
    const polling = setInterval(() => {
      if (this.live()) void this.refresh();
    }, SCHEDULE_POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(polling));
  }

  /** A time of this schedule in the person's zone (and the schedule's, when it differs). */
  protected time(iso: string): string {
    return formatScheduleTime(iso, this.view()?.timeZone ?? this.viewerZone, this.viewerZone);
  }

  protected async finalPass(): Promise<void> {
    const yes = await this.confirm.ask({
      title: 'Run the final pass?',
      message:
        'One last delta pass runs once the current pass has ended (or now), and then the ' +
        'schedule ends and both passwords are deleted. No pass starts after it.',
      confirm: 'Run final pass',
      dismiss: 'Not yet',
    });
    if (yes) await this.act('final', () => this.api.finalPass(this.id()));
  }

  protected async cancel(): Promise<void> {
    const yes = await this.confirm.ask({
      title: 'Cancel this schedule?',
      message:
        'The pass that runs stops within seconds, no other pass starts, and both passwords are ' +
        'deleted now. Messages already copied stay at the destination.',
      confirm: 'Cancel schedule',
      dismiss: 'Keep it',
      destructive: true,
    });
    if (yes) await this.act('cancel', () => this.api.cancelSchedule(this.id()));
  }

  private async act(kind: 'final' | 'cancel', call: () => Promise<ScheduleView>): Promise<void> {
    this.busy.set(kind);
    this.actionError.set(null);
    try {
      this.view.set(await call());
    } catch (error) {
      this.actionError.set(describeApiError(error));
      void this.refresh();
    } finally {
      this.busy.set(null);
    }
  }

  private async open(id: string): Promise<void> {
    this.load.set('loading');
    try {
      this.view.set(await this.api.getSchedule(id));
      this.load.set('ready');
    } catch (error) {
      this.loadError.set(describeApiError(error));
      this.load.set(errorStatus(error) === 404 ? 'missing' : 'error');
    }
  }

  protected retry(): void {
    void this.open(this.id());
  }

  private async refresh(): Promise<void> {
    try {
      this.view.set(await this.api.getSchedule(this.id()));
    } catch {
      // A passing failure: the next round asks again.
    }
  }
}
