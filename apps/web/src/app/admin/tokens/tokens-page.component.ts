import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { type AdminRole, type ApiTokenCreated, type ApiTokenView } from '@btsx/contracts/core';
import { describeApiError } from '../../shared/api/api-error';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { AdminApi } from '../admin-api.service';
import { AdminSession } from '../session/admin-session.service';
import { followTenant } from '../session/follow-tenant';
import { GrantFieldsComponent } from '../grant-fields/grant-fields.component';
import { ShownOnceComponent } from '../shown-once/shown-once.component';

/** What the API accepts as a token's name. */
const TOKEN_NAME = /^[\w .-]{1,64}$/;

/** Owners: API tokens for automation (the CLI's BTSX_ADMIN_TOKEN), each shown once. */
@Component({
  selector: 'btsx-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    ShownOnceComponent,
    GrantFieldsComponent,
  ],
  templateUrl: './tokens-page.component.html',
  styleUrl: '../admin-page.scss',
})
export class TokensPageComponent {
  private readonly api = inject(AdminApi);
  private readonly confirm = inject(Confirm);
  protected readonly session = inject(AdminSession);

  protected readonly tokens = signal<ApiTokenView[]>([]);
  protected readonly created = signal<ApiTokenCreated | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly columns = ['name', 'role', 'tenant', 'created', 'expires', 'used', 'actions'];
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.pattern(TOKEN_NAME)]],
    role: ['viewer' as AdminRole, Validators.required],
    /** MSP owners: the token's tenant; empty: an MSP token. */
    tenantId: [''],
    /** A date (yyyy-mm-dd); the token stops at the start of that day, browser time. */
    expiresOn: [''],
  });

  constructor() {
    followTenant(() => this.load());
    effect(() => this.form.controls.tenantId.setValue(this.session.tenantFilter() ?? ''));
  }

  protected async create(): Promise<void> {
    const { name, role, tenantId, expiresOn } = this.form.getRawValue();
    this.error.set(null);
    try {
      this.created.set(
        await this.api.createToken({
          name,
          role,
          ...(tenantId && { tenantId }),
          ...(expiresOn && { expiresAt: new Date(`${expiresOn}T00:00`).toISOString() }),
        }),
      );
    } catch (error) {
      this.error.set(describeApiError(error));
    }
    await this.load();
  }

  protected async revoke(token: ApiTokenView): Promise<void> {
    const yes = await this.confirm.ask({
      title: `Revoke the token "${token.name}"?`,
      message: 'Whatever uses it is refused from now on. This cannot be undone.',
      confirm: 'Revoke',
      destructive: true,
    });
    if (!yes) return;
    this.error.set(null);
    try {
      await this.api.revokeToken(token.id);
    } catch (error) {
      this.error.set(describeApiError(error));
    }
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      this.tokens.set(await this.api.tokens(this.session.tenantFilter() ?? undefined));
    } catch (error) {
      this.error.set(describeApiError(error));
    }
  }
}
