import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'btsx-job-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule],
  template: `
    <h1>Job {{ id() }}</h1>
    <p>The live status of this migration will appear on this page.</p>
    <a mat-stroked-button routerLink="/">Back to start</a>
  `,
  styles: `
    h1 {
      overflow-wrap: anywhere;
    }
  `,
})
export class JobPageComponent {
  /** Bound from the `:id` route parameter (withComponentInputBinding). */
  readonly id = input.required<string>();
}
