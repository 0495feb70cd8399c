import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

/** Where a page of one job or schedule is with loading it. */
export type PageLoad = 'loading' | 'ready' | 'missing' | 'error';

/**
 * What a page of one job or schedule shows until it is ready: a spinner, "No such …" (the
 * projected paragraph says why it may be gone), or the error and Try again.
 */
@Component({
  selector: 'btsx-load-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule],
  template: `
    @switch (load()) {
      @case ('loading') {
        <div class="centered" role="status">
          <mat-spinner diameter="40" />
          <p>Loading the {{ noun() }}…</p>
        </div>
      }
      @case ('missing') {
        <section>
          <h1>No such {{ noun() }}</h1>
          <ng-content />
          <a mat-flat-button routerLink="/">Start a new migration</a>
        </section>
      }
      @case ('error') {
        <section>
          <h1>The {{ noun() }} could not be loaded</h1>
          <p class="failed">{{ error() }}</p>
          <button mat-flat-button type="button" (click)="retry.emit()">Try again</button>
        </section>
      }
    }
  `,
  styles: `
    .centered {
      display: grid;
      justify-items: center;
      padding: 64px 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class LoadStateComponent {
  readonly load = input.required<PageLoad>();
  /** "job", "schedule". */
  readonly noun = input.required<string>();
  readonly error = input('');
  readonly retry = output<void>();
}
