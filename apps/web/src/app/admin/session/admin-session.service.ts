import { Injectable, computed, inject, signal } from '@angular/core';
import {
  roleAllows,
  type AdminRole,
  type AdminSessionView,
  type TenantView,
} from '@btsx/contracts/core';
import { AdminApi } from '../admin-api.service';

/** Where the MSP admin's tenant choice outlives a reload and a new tab. */
export const TENANT_CHOICE_KEY = 'btsx.admin.tenant';

/**
 * The signed-in admin (role, tenant, the tenants it sees) and, for an MSP admin, the tenant
 * the dashboard's lists are narrowed to (null: all tenants), remembered in localStorage.
 */
@Injectable({ providedIn: 'root' })
export class AdminSession {
  private readonly api = inject(AdminApi);
  private loading: Promise<AdminSessionView> | null = null;

  readonly me = signal<AdminSessionView | null>(null);
  /** Only an MSP admin chooses; a tenant's admin is always narrowed to its own tenant. */
  readonly chosenTenant = signal<string | null>(readChoice());

  readonly isMsp = computed(() => this.me()?.tenantId === null);
  readonly tenants = computed(() => this.me()?.tenants ?? []);
  /** What `?tenant=` the lists send: the MSP admin's choice; nothing for a tenant's admin. */
  readonly tenantFilter = computed(() => (this.isMsp() ? this.chosenTenant() : null));
  readonly isMspOwner = computed(() => this.isMsp() && this.may('owner'));

  /** Asks the API who is signed in (the dashboard's guard, once per visit). */
  refresh(): Promise<AdminSessionView> {
    this.loading = this.api.me().then((me) => {
      this.set(me);
      return me;
    });
    this.loading.catch(() => (this.loading = null));
    return this.loading;
  }

  /** The session already asked for, or a new question. */
  current(): Promise<AdminSessionView> {
    return this.loading ?? this.refresh();
  }

  set(me: AdminSessionView): void {
    this.me.set(me);
    const chosen = this.chosenTenant();
    if (chosen && !me.tenants.some((t) => t.id === chosen)) this.choose(null);
  }

  /** True when the signed-in admin's role allows what `need` allows. */
  may(need: AdminRole): boolean {
    const role = this.me()?.role;
    return role !== undefined && roleAllows(role, need);
  }

  choose(tenantId: string | null): void {
    this.chosenTenant.set(tenantId);
    try {
      if (tenantId) localStorage.setItem(TENANT_CHOICE_KEY, tenantId);
      else localStorage.removeItem(TENANT_CHOICE_KEY);
    } catch {
      // Storage may be refused (private windows): the choice then lasts this visit.
    }
  }

  /** After a tenant was created, renamed or deleted: the switcher's list follows. */
  async reloadTenants(): Promise<void> {
    const me = this.me();
    if (me) this.set({ ...me, tenants: await this.api.tenants() });
  }

  /** A tenant's name for a row's tenant id; null: the MSP's own. */
  tenantName(id: string | null): string {
    if (id === null) return 'MSP';
    return this.tenants().find((t: TenantView) => t.id === id)?.name ?? id;
  }

  clear(): void {
    this.me.set(null);
    this.loading = null;
  }
}

function readChoice(): string | null {
  try {
    return localStorage.getItem(TENANT_CHOICE_KEY);
  } catch {
    return null;
  }
}
