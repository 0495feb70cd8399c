import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DecimalPipe } from '@angular/common';
import type { FolderState, JobFolderView } from '@btsx/contracts';

const STATE_LABELS: Record<FolderState, string> = {
  pending: 'Waiting',
  copying: 'Copying',
  done: 'Done',
  failed: 'Failed',
};

/**
 * One row per folder: where it goes (and the user's rule that sent it there), how far it got,
 * and why the destination refused it.
 */
@Component({
  selector: 'btsx-folder-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe],
  template: `
    @if (folders().length === 0) {
      <p class="empty">The folder list appears once the source has been read.</p>
    } @else {
      <div class="table-scroll" tabindex="0" role="group" aria-label="Folders">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Source folder</th>
              <th scope="col">Destination folder</th>
              <th scope="col" class="num">Copied</th>
              <th scope="col" class="num">Skipped</th>
              <th scope="col" class="num">Failed</th>
              @if (anyFiltered()) {
                <th scope="col" class="num">Filtered</th>
              }
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            @for (folder of folders(); track folder.source) {
              <tr>
                <td>{{ folder.source }}</td>
                <td>
                  {{ folder.destination }}
                  @if (folder.rule) {
                    <p class="why">by rule {{ folder.rule }}</p>
                  }
                </td>
                <td class="num">{{ folder.copied | number }}</td>
                <td class="num">{{ folder.skipped | number }}</td>
                <td class="num" [class.bad]="folder.failed > 0">{{ folder.failed | number }}</td>
                @if (anyFiltered()) {
                  <td class="num">{{ folder.filtered | number }}</td>
                }
                <td>
                  <span class="state" [class]="folder.state">{{ labels[folder.state] }}</span>
                  @if (folder.error) {
                    <p class="reason">{{ folder.error }}</p>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .state.copying {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .state.done {
      background: var(--btsx-success-container);
      color: var(--btsx-on-success-container);
    }
    .state.failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .reason {
      margin: 4px 0 0;
      max-width: 48ch;
      white-space: normal;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class FolderTableComponent {
  readonly folders = input.required<readonly JobFolderView[]>();
  protected readonly labels = STATE_LABELS;
  /** The Filtered column only for a job whose message filter left something out. */
  protected readonly anyFiltered = computed(() => this.folders().some((f) => f.filtered > 0));
}
