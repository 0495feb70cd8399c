import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { JobAccountView } from '@btsx/contracts/core';
import { IconComponent } from '../icon/icon.component';

/** "alice@old.example on imap.old.example → alice@new.example on imap.new.example". */
@Component({
  selector: 'btsx-account-route',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    <span
      >{{ source().username }} <small>on {{ source().host }}</small></span
    >
    <btsx-icon name="arrow_forward" />
    <span
      >{{ destination().username }} <small>on {{ destination().host }}</small></span
    >
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0;
      overflow-wrap: anywhere;
    }
    small {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class AccountRouteComponent {
  readonly source = input.required<Pick<JobAccountView, 'username' | 'host'>>();
  readonly destination = input.required<Pick<JobAccountView, 'username' | 'host'>>();
}
