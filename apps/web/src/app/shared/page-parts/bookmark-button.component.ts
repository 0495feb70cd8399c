import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { IconComponent } from '../icon/icon.component';

/** Bookmark: opens and closes the page's note on how to keep its address. */
@Component({
  selector: 'btsx-bookmark-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, IconComponent],
  template: `
    <button
      mat-stroked-button
      type="button"
      (click)="open.set(!open())"
      [attr.aria-expanded]="open()"
      [attr.aria-controls]="controls()"
    >
      <btsx-icon name="bookmark" /> Bookmark
    </button>
  `,
  styles: `
    btsx-icon {
      width: 18px;
      height: 18px;
      margin-right: 4px;
    }
  `,
})
export class BookmarkButtonComponent {
  /** Whether the note is shown. */
  readonly open = model(false);
  /** The id of the note it opens. */
  readonly controls = input.required<string>();
}
