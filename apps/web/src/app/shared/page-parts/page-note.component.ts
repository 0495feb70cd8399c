import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { IconComponent, type IconName } from '../icon/icon.component';

/** A line of a page set apart with its icon: a hint, or (tone "error") what went wrong. */
@Component({
  selector: 'btsx-page-note',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  host: { '[class.error]': "tone() === 'error'" },
  template: `<btsx-icon [name]="icon()" /><span><ng-content /></span>`,
  styles: `
    :host {
      display: flex;
      gap: 8px;
      margin: 0;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.error) {
      color: var(--mat-sys-error);
      background: var(--mat-sys-error-container);
    }
  `,
})
export class PageNoteComponent {
  readonly icon = input.required<IconName>();
  readonly tone = input<'info' | 'error'>('info');
}
