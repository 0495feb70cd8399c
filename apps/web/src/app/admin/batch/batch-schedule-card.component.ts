import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { scheduleEnded, type BatchPassView, type BatchView } from '@btsx/contracts/core';
import { formatPassKind } from '@btsx/format';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import {
  formatPassChanges,
  formatScheduleState,
  formatScheduleTime,
} from '../../shared/schedule/schedule-text';

/**
 * A batch's schedule (its passes so far, the next one, Final pass behind a confirmation) and
 * how long its stored passwords are kept.
 */
@Component({
  selector: 'btsx-batch-schedule-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatButtonModule, MatCardModule],
  templateUrl: './batch-schedule-card.component.html',
  styleUrl: './batch-schedule-card.component.scss',
})
export class BatchScheduleCardComponent {
  private readonly confirm = inject(Confirm);

  readonly batch = input.required<BatchView>();
  /** False for a viewer: no Final pass button. */
  readonly canAct = input(true);
  /** The admin confirmed the final pass. */
  readonly finalPass = output<void>();

  protected readonly schedule = computed(() => this.batch().schedule);
  protected readonly canAskFinal = computed(() => {
    const state = this.schedule()?.state;
    const open = state !== undefined && !scheduleEnded(state) && state !== 'final-requested';
    return open && this.canAct();
  });
  protected readonly passwords = computed(() => passwordsText(this.batch()));
  protected readonly kind = formatPassKind;
  protected readonly changes = formatPassChanges;
  protected readonly state = formatScheduleState;

  protected time(iso: string): string {
    return formatScheduleTime(iso, this.schedule()?.timeZone ?? 'UTC', browserTimeZone());
  }

  protected ended(pass: BatchPassView): string {
    return pass.endedAt ? this.time(pass.endedAt) : 'running';
  }

  protected async askFinalPass(): Promise<void> {
    const yes = await this.confirm.ask({
      title: 'Run the final pass?',
      message:
        'Once the current pass has ended, every line runs one last delta pass; then the ' +
        "schedule ends and the batch's stored passwords are deleted. Retry and Delta pass " +
        'will not run after that.',
      confirm: 'Run final pass',
    });
    if (yes) this.finalPass.emit();
  }
}

function passwordsText({ credentials, schedule }: BatchView): string {
  if (!credentials.held) {
    return `Deleted ${new Date(credentials.discardedAt!).toLocaleString()} (${credentials.discardedWhy}).`;
  }
  if (schedule && !schedule.endedAt) {
    return "Held, encrypted, until the schedule's final pass or end date, then deleted.";
  }
  if (credentials.expiresAt) {
    return `Held, encrypted, until ${new Date(credentials.expiresAt).toLocaleString()}; a retry or delta pass before then keeps them longer.`;
  }
  return 'Held, encrypted, while jobs run; deleted some days after the last pass ends.';
}
