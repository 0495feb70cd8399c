import { DatePipe, DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  ADMIN_ROLES,
  type AdminRole,
  type AdminUserView,
  type InviteAdminResponse,
} from '@btsx/contracts/core';
import { describeApiError } from '../../shared/api/api-error';
import { Confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { AdminApi } from '../admin-api.service';
import { AdminSession } from '../session/admin-session.service';
import { followTenant } from '../session/follow-tenant';
import { GrantFieldsComponent } from '../grant-fields/grant-fields.component';
import { ShownOnceComponent } from '../shown-once/shown-once.component';

/** Owners: the admins they manage, invitations, role changes and removals. */
@Component({
  selector: 'btsx-admins-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    ShownOnceComponent,
    GrantFieldsComponent,
  ],
  templateUrl: './admins-page.component.html',
  styleUrl: '../admin-page.scss',
})
export class AdminsPageComponent {
  private readonly api = inject(AdminApi);
  private readonly confirm = inject(Confirm);
  private readonly origin = inject(DOCUMENT).location.origin;
  protected readonly session = inject(AdminSession);

  protected readonly users = signal<AdminUserView[]>([]);
  protected readonly invited = signal<{ invitation: InviteAdminResponse; link: string } | null>(
    null,
  );
  protected readonly error = signal<string | null>(null);
  protected readonly roles = ADMIN_ROLES;
  protected readonly columns = ['email', 'role', 'tenant', 'status', 'actions'];
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    role: ['operator' as AdminRole, Validators.required],
    /** MSP owners: the new admin's tenant; empty: another MSP admin. */
    tenantId: [''],
  });

  constructor() {
    followTenant(() => this.load());
    effect(() => this.form.controls.tenantId.setValue(this.session.tenantFilter() ?? ''));
  }

  /** An admin cannot change or remove itself (the API refuses): no controls on its own row. */
  protected isSelf(user: AdminUserView): boolean {
    return user.email === this.session.me()?.email;
  }

  protected async invite(): Promise<void> {
    const { email, role, tenantId } = this.form.getRawValue();
    await this.attempt(async () => {
      const invitation = await this.api.invite({ email, role, ...(tenantId && { tenantId }) });
      const link = `${this.origin}/admin/invitation#${encodeURIComponent(invitation.inviteToken)}`;
      this.invited.set({ invitation, link });
    });
  }

  protected async changeRole(user: AdminUserView, role: AdminRole): Promise<void> {
    await this.attempt(() => this.api.changeRole(user.id, role));
  }

  protected async remove(user: AdminUserView): Promise<void> {
    const yes = await this.confirm.ask({
      title: `Remove ${user.email}?`,
      message: user.active
        ? 'Their sessions end and their API tokens stop working at once.'
        : 'The invitation stops working.',
      confirm: 'Remove',
      destructive: true,
    });
    if (yes) await this.attempt(() => this.api.removeAdmin(user.id));
  }

  /** Runs a change, shows the API's reason if it refuses, and reads the list again. */
  private async attempt(change: () => Promise<unknown>): Promise<void> {
    this.error.set(null);
    try {
      await change();
    } catch (error) {
      this.error.set(describeApiError(error));
    }
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      this.users.set(await this.api.users(this.session.tenantFilter() ?? undefined));
    } catch (error) {
      this.error.set(describeApiError(error));
    }
  }
}
