import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, FormGroupDirective, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { ADMIN_ROLES } from '@btsx/contracts/core';
import { AdminSession } from '../session/admin-session.service';

/**
 * What an invitation or an API token is granted: a role, and for an MSP owner a tenant
 * (empty: none, the MSP's own). The controls `role` and `tenantId` of the enclosing form.
 */
@Component({
  selector: 'btsx-grant-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule],
  viewProviders: [{ provide: ControlContainer, useExisting: FormGroupDirective }],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>Role</mat-label>
      <mat-select formControlName="role" [attr.data-testid]="testIdPrefix() + '-role'">
        @for (role of roles; track role) {
          <mat-option [value]="role">{{ role }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    @if (session.isMsp()) {
      <mat-form-field appearance="outline">
        <mat-label>Tenant</mat-label>
        <mat-select formControlName="tenantId" [attr.data-testid]="testIdPrefix() + '-tenant'">
          <mat-option value="">{{ noTenantLabel() }}</mat-option>
          @for (tenant of session.tenants(); track tenant.id) {
            <mat-option [value]="tenant.id">{{ tenant.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
  styles: ':host { display: contents; }',
})
export class GrantFieldsComponent {
  protected readonly session = inject(AdminSession);
  protected readonly roles = ADMIN_ROLES;
  /** What the empty tenant means here: "None: an MSP admin", "None: every tenant". */
  readonly noTenantLabel = input.required<string>();
  /** The selects' data-testid: `${prefix}-role`, `${prefix}-tenant`. */
  readonly testIdPrefix = input.required<string>();
}
