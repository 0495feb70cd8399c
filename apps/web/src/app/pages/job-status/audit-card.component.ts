import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { JobAuditView } from '@btsx/contracts';
import { formatCount, plural } from '@btsx/format';
import { auditReportUrl } from '../../shared/api/btsx-api.service';

/**
 * The completeness audit: what it compared, every folder where something differs, and once
 * it is done the full report to download.
 */
@Component({
  selector: 'btsx-audit-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatCardModule],
  templateUrl: './audit-card.component.html',
  styles: `
    .bad {
      color: var(--mat-sys-error);
    }
    .note,
    .samples {
      font: var(--mat-sys-body-small);
    }
    .folders {
      padding-left: 1rem;
    }
    .report {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
})
export class AuditCardComponent {
  /** The job the audit belongs to: its report lives under the job's address. */
  readonly jobId = input.required<string>();
  readonly audit = input.required<JobAuditView>();

  protected readonly summary = computed(() => {
    const t = this.audit().totals;
    if (!t) return '';
    const folders = `${plural(t.folders, 'folder')} compared`;
    if (t.missing === 0) return `Every message is at the destination (${folders}).`;
    const noun = t.missing === 1 ? 'message is' : 'messages are';
    return `${t.missing} ${noun} missing at the destination (${folders}).`;
  });

  /** Rewritten copies are there, so never missing; but not byte for byte, so worth a line. */
  protected readonly changed = computed(() => {
    const n = this.audit().totals?.changed ?? 0;
    const noun = n === 1 ? 'message' : 'messages';
    return `${formatCount(n)} ${noun} changed by the destination: there, but not byte for byte (not missing).`;
  });

  protected reportUrl(format: 'csv' | 'json'): string {
    return auditReportUrl(this.jobId(), format);
  }
}
