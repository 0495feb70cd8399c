import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { JobAuditView } from '@btsx/contracts';

/** The completeness audit: what it compared, and every folder where something differs. */
@Component({
  selector: 'btsx-audit-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatCardModule],
  template: `
    @let a = audit();
    <mat-card appearance="outlined" role="region" aria-labelledby="audit-title">
      <mat-card-header>
        <mat-card-title id="audit-title">Verification</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        @if (a.state === 'running') {
          <p class="running">Comparing every folder with the destination, message by message…</p>
        } @else if (a.state === 'failed' || !a.totals) {
          <p class="bad">The verification could not run: {{ a.error }}</p>
        } @else {
          <p [class.bad]="a.totals.missing > 0" class="summary">{{ summary() }}</p>
          @if (a.deleteSource) {
            <p class="note">
              Delete Source moved the messages: only those still in the source were compared.
            </p>
          }
          @if (a.folders.length > 0) {
            <ul class="folders">
              @for (f of a.folders; track f.source) {
                <li>
                  <strong>{{ f.source }} → {{ f.destination }}</strong>
                  @if (f.error) {
                    <span class="bad">{{ f.error }}</span>
                  } @else {
                    <span>
                      {{ f.missing | number }} missing · {{ f.refused | number }} refused ·
                      {{ f.extra ?? 0 | number }} extra · {{ f.flagDifferences | number }} with
                      other flags
                    </span>
                    @if (f.samples.missing.length > 0) {
                      <ul class="samples">
                        @for (m of f.samples.missing; track m.uid) {
                          <li>Missing: source UID {{ m.uid }} {{ m.messageId ?? '' }}</li>
                        }
                      </ul>
                    }
                  }
                </li>
              }
            </ul>
          }
        }
      </mat-card-content>
    </mat-card>
  `,
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
  `,
})
export class AuditCardComponent {
  readonly audit = input.required<JobAuditView>();

  protected readonly summary = computed(() => {
    const t = this.audit().totals;
    if (!t) return '';
    const folders = `${t.folders} folder${t.folders === 1 ? '' : 's'} compared`;
    if (t.missing === 0) return `Every message is at the destination (${folders}).`;
    const noun = t.missing === 1 ? 'message is' : 'messages are';
    return `${t.missing} ${noun} missing at the destination (${folders}).`;
  });
}
