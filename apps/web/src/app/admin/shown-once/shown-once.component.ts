import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** A secret the API answers once (an API token, an invitation link), with a copy button. */
@Component({
  selector: 'btsx-shown-once',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <div class="once" role="status">
      <p class="warning">
        <strong>{{ label() }}</strong> Copy it now: it is not shown again.
        <ng-content />
      </p>
      <code data-testid="shown-once">{{ value() }}</code>
      <button mat-stroked-button type="button" (click)="copy()">
        {{ copied() ? 'Copied' : 'Copy' }}
      </button>
    </div>
  `,
  styles: `
    .once {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 12px 16px;
      margin: 8px 0 16px;
      border: 1px solid var(--mat-sys-tertiary);
      border-radius: 8px;
    }
    .warning {
      flex-basis: 100%;
      margin: 0;
    }
    code {
      word-break: break-all;
    }
  `,
})
export class ShownOnceComponent {
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    await navigator.clipboard?.writeText(this.value());
    this.copied.set(true);
  }
}
