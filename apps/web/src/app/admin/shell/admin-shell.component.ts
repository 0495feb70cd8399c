import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AdminApi } from '../admin-api.service';
import { AdminSession } from '../session/admin-session.service';

interface NavLink {
  path: string;
  label: string;
  exact: boolean;
}

/**
 * The dashboard's frame: its pages (as many as the role may open), the tenant switcher of
 * an MSP admin (or the tenant's name for a tenant's admin), who is signed in, sign-out.
 */
@Component({
  selector: 'btsx-admin-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
  ],
  templateUrl: './admin-shell.component.html',
  styleUrl: './admin-shell.component.scss',
})
export class AdminShellComponent {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  protected readonly session = inject(AdminSession);

  protected readonly links = computed<NavLink[]>(() => {
    const owner = this.session.may('owner');
    return [
      { path: '/admin', label: 'Batches', exact: true },
      ...(owner
        ? [
            { path: '/admin/admins', label: 'Admins', exact: false },
            { path: '/admin/tokens', label: 'API tokens', exact: false },
          ]
        : []),
      ...(this.session.isMspOwner()
        ? [{ path: '/admin/tenants', label: 'Tenants', exact: false }]
        : []),
      ...(owner ? [{ path: '/admin/activity', label: 'Activity', exact: false }] : []),
    ];
  });
  protected readonly ownTenant = computed(() => {
    const me = this.session.me();
    return me && me.tenantId !== null ? this.session.tenantName(me.tenantId) : null;
  });

  protected async signOut(): Promise<void> {
    await this.api.logout().catch(() => undefined);
    this.session.clear();
    await this.router.navigateByUrl('/admin/login');
  }
}
