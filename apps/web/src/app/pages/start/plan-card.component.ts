import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { PlanView } from '@btsx/contracts/core';
import { formatByteRate, formatBytes, formatCount, formatDuration } from '@btsx/format';
import { IconComponent } from '../../shared/icon/icon.component';

const SECOND_MS = 1000;

/**
 * What a job of the page's accounts and options would do, read without writing to either:
 * the totals and the estimate, each folder's destination and numbers, the folders left out.
 */
@Component({
  selector: 'btsx-plan-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCardModule, MatProgressSpinnerModule, IconComponent],
  templateUrl: './plan-card.component.html',
  styleUrl: './plan-card.component.scss',
})
export class PlanCardComponent {
  readonly plan = input<PlanView | null>(null);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  /** The page's options changed since the plan was drawn. */
  readonly stale = input(false);
  /** Whether the plan can be drawn again now (both accounts still authenticated). */
  readonly canRedraw = input(true);
  readonly redraw = output<void>();

  protected readonly formatBytes = formatBytes;
  protected readonly formatCount = formatCount;
  protected readonly duration = computed(() => {
    const seconds = this.plan()?.estimate.seconds;
    return seconds === undefined ? '' : formatDuration(seconds * SECOND_MS);
  });
  /** The measurement the estimate rests on: round trips, and the source's reading speed. */
  protected readonly measured = computed(() => {
    const estimate = this.plan()?.estimate;
    if (!estimate) return '';
    const { sourceRoundTripMs, destinationRoundTripMs, sourceBytesPerSecond } = estimate;
    const speed =
      sourceBytesPerSecond === null
        ? ''
        : `, the source sent ${formatByteRate(sourceBytesPerSecond)}`;
    return (
      `Measured round trips: source ${formatMilliseconds(sourceRoundTripMs)}, ` +
      `destination ${formatMilliseconds(destinationRoundTripMs)}${speed}.`
    );
  });
  protected readonly limit = computed(() => {
    const limit = this.plan()?.destinationLimit;
    return limit == null
      ? 'The destination names no largest message size.'
      : `The destination takes messages up to ${formatBytes(limit)}.`;
  });
}

/** 0.42 -> "0.4 ms", 31.6 -> "32 ms": a local server answers in under a millisecond. */
function formatMilliseconds(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
