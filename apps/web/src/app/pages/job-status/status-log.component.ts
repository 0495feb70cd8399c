import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { DatePipe } from '@angular/common';
import type { JobStatusLine } from '@btsx/contracts';
import { IconComponent, IconName } from '../../shared/icon/icon.component';

const LEVEL_ICONS: Record<JobStatusLine['level'], IconName> = {
  info: 'info',
  warning: 'warning',
  error: 'error',
};

/** The job's status lines, newest first, so the latest is always in view. */
@Component({
  selector: 'btsx-status-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, IconComponent],
  template: `
    <ol
      class="log"
      role="log"
      aria-live="polite"
      aria-label="Status messages, newest first"
      tabindex="0"
    >
      @for (line of lines(); track line.id) {
        <li [class]="line.level">
          <btsx-icon [name]="icons[line.level]" />
          <time [attr.datetime]="line.at">{{ line.at | date: 'HH:mm:ss' }}</time>
          <span class="message">
            @if (line.level !== 'info') {
              <span class="visually-hidden">{{ line.level }}:</span>
            }
            {{ line.message }}
          </span>
        </li>
      } @empty {
        <li class="empty">Waiting for the first status message…</li>
      }
    </ol>
  `,
  styles: `
    .log {
      max-height: 300px;
      overflow-y: auto;
      margin: 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-medium);
    }
    li {
      display: grid;
      grid-template-columns: 20px auto 1fr;
      gap: 10px;
      align-items: start;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      max-width: none;
    }
    li:last-child {
      border-bottom: 0;
    }
    btsx-icon {
      width: 20px;
      height: 20px;
      color: var(--mat-sys-primary);
    }
    time {
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .message {
      overflow-wrap: anywhere;
    }
    .warning {
      background: var(--btsx-warning-container);
    }
    .warning btsx-icon {
      color: var(--btsx-warning);
    }
    .error {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .error btsx-icon {
      color: var(--mat-sys-error);
    }
    .empty {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class StatusLogComponent {
  readonly lines = input.required<readonly JobStatusLine[]>();
  protected readonly icons = LEVEL_ICONS;
}
