import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  FormBuilder,
  FormGroupDirective,
  FormsModule,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { MAX_TENANT_CONCURRENCY, type TenantView } from '@btsx/contracts/core';
import { describeApiError } from '../../shared/api/api-error';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { AdminApi } from '../admin-api.service';
import { AdminSession } from '../session/admin-session.service';

/** MSP owners: the customers (tenants) and each one's share of the batch scheduler. */
@Component({
  selector: 'btsx-tenants-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
  ],
  templateUrl: './tenants-page.component.html',
  styleUrl: '../admin-page.scss',
})
export class TenantsPageComponent {
  private readonly api = inject(AdminApi);
  private readonly confirm = inject(Confirm);
  private readonly session = inject(AdminSession);

  protected readonly tenants = this.session.tenants;
  protected readonly error = signal<string | null>(null);
  protected readonly maxConcurrency = MAX_TENANT_CONCURRENCY;
  protected readonly columns = ['name', 'concurrency', 'created', 'actions'];
  protected readonly form = inject(FormBuilder).group({
    name: ['', [Validators.required, Validators.pattern(/^\S(.{0,98}\S)?$/)]],
    concurrency: [
      null as number | null,
      [Validators.min(1), Validators.max(MAX_TENANT_CONCURRENCY)],
    ],
  });

  constructor() {
    void this.run(() => Promise.resolve());
  }

  /** `form`: reset with its submitted state, so the emptied name shows no error. */
  protected async create(form: FormGroupDirective): Promise<void> {
    const { name, concurrency } = this.form.getRawValue();
    await this.run(async () => {
      await this.api.createTenant({ name: name!.trim(), ...(concurrency && { concurrency }) });
      form.resetForm();
    });
  }

  /** An empty share returns the tenant to the server's default. */
  protected async setConcurrency(tenant: TenantView, value: string): Promise<void> {
    const concurrency = value.trim() === '' ? null : Number(value);
    await this.run(() => this.api.updateTenant(tenant.id, { concurrency }));
  }

  protected async remove(tenant: TenantView): Promise<void> {
    const yes = await this.confirm.ask({
      title: `Delete the tenant ${tenant.name}?`,
      message:
        'Its admins and their API tokens are deleted with it. A tenant that still has ' +
        'batches cannot be deleted: delete those first.',
      confirm: 'Delete tenant',
      destructive: true,
    });
    if (yes) await this.run(() => this.api.deleteTenant(tenant.id));
  }

  /** Runs a change, shows the API's reason if it refuses, and reads the tenants again. */
  private async run(change: () => Promise<unknown>): Promise<void> {
    this.error.set(null);
    try {
      await change();
    } catch (error) {
      this.error.set(describeApiError(error));
    }
    await this.session.reloadTenants().catch((error) => this.error.set(describeApiError(error)));
  }
}
