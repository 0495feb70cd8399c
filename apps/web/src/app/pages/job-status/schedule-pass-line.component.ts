import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BtsxApi } from '../../shared/api/btsx-api.service';

/** "Pass 3 of a schedule", linking to it: a job that is one pass of a schedule says so. */
@Component({
  selector: 'btsx-schedule-pass-line',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <a [routerLink]="['/schedules', scheduleId()]" data-testid="schedule-link">
      @if (passNumber(); as number) {
        Pass {{ number }} of a schedule
      } @else {
        A pass of a schedule
      }
    </a>
  `,
})
export class SchedulePassLineComponent {
  readonly scheduleId = input.required<string>();
  readonly jobId = input.required<string>();

  private readonly api = inject(BtsxApi);
  /** From the schedule's view; until it came (or if it cannot), the line names no number. */
  protected readonly passNumber = signal<number | null>(null);

  constructor() {
    effect(() => void this.findNumber(this.scheduleId(), this.jobId()));
  }

  private async findNumber(scheduleId: string, jobId: string): Promise<void> {
    try {
      const schedule = await this.api.getSchedule(scheduleId);
      const pass = schedule.passes.find((p) => p.jobId === jobId);
      this.passNumber.set(pass?.number ?? null);
    } catch {
      // The link still leads to the schedule; its page says what went wrong.
    }
  }
}
