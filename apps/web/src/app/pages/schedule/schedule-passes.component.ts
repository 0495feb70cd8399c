import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SchedulePassView } from '@btsx/contracts/core';
import { formatPassKind, formatStatus } from '@btsx/format';
import { formatPassChanges } from '../../shared/schedule/schedule-text';

/** A schedule's passes so far, each linking to its job's page. */
@Component({
  selector: 'btsx-schedule-passes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, RouterLink],
  template: `
    @if (passes().length === 0) {
      <p class="none">No pass has started yet.</p>
    } @else {
      <table>
        <thead>
          <tr>
            <th scope="col">Pass</th>
            <th scope="col">Status</th>
            <th scope="col" class="number">Copied</th>
            <th scope="col" class="number">Skipped</th>
            <th scope="col" class="number">Failed</th>
            <th scope="col">What changed at the source</th>
          </tr>
        </thead>
        <tbody>
          @for (pass of passes(); track pass.jobId) {
            <tr [attr.data-testid]="'pass-' + pass.number">
              <td>
                <a [routerLink]="['/jobs', pass.jobId]">{{ pass.number }}. {{ kind(pass) }}</a>
              </td>
              <td class="status">{{ status(pass.status) }}</td>
              <td class="number">{{ pass.counters.copied | number }}</td>
              <td class="number">{{ pass.counters.skipped | number }}</td>
              <td class="number">{{ pass.counters.failed | number }}</td>
              <td>{{ changes(pass.changes) }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      padding: 8px 12px;
      text-align: left;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th {
      font: var(--mat-sys-title-small);
    }
    .number {
      text-align: right;
    }
    .none {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SchedulePassesComponent {
  readonly passes = input.required<SchedulePassView[]>();

  protected readonly kind = formatPassKind;
  protected readonly status = formatStatus;
  protected readonly changes = formatPassChanges;
}
