import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'btsx-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule],
  template: `
    <h1>Page not found</h1>
    <p>There is nothing at this address. Check the link, or start again from the home page.</p>
    <a mat-flat-button routerLink="/">Go to the home page</a>
  `,
})
export class NotFoundPageComponent {}
