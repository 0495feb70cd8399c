import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ACTIVITY_ACTIONS, type ActivityView } from '@btsx/contracts/core';
import { describeApiError } from '../../shared/api/api-error';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { activityCsvUrl, AdminApi } from '../admin-api.service';
import { AdminSession } from '../session/admin-session.service';
import { followTenant } from '../session/follow-tenant';
import { activityFilter, type ActivityFields } from './activity-filter';

/** Owners: who did what, newest first, filtered, a page at a time, and as CSV. */
@Component({
  selector: 'btsx-activity-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
  ],
  templateUrl: './activity-page.component.html',
  styleUrl: '../admin-page.scss',
})
export class ActivityPageComponent {
  private readonly api = inject(AdminApi);
  private readonly session = inject(AdminSession);
  /** Each load's number: an answer to a filter since changed is dropped. */
  private loads = 0;

  protected readonly fields = signal<ActivityFields>({ action: '', actor: '', from: '', to: '' });
  protected readonly rows = signal<ActivityView[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly actions = ACTIVITY_ACTIONS;
  protected readonly timeZone = browserTimeZone();
  protected readonly columns = ['at', 'actor', 'action', 'target', 'tenant', 'ip'];
  private readonly filter = computed(() =>
    activityFilter(this.fields(), this.session.tenantFilter()),
  );
  protected readonly csvUrl = computed(() => activityCsvUrl(this.filter()));

  constructor() {
    followTenant(() => this.load());
  }

  protected tenantName(id: string | null): string {
    return this.session.tenantName(id);
  }

  protected change(field: keyof ActivityFields, value: string): void {
    this.fields.update((fields) => ({ ...fields, [field]: value }));
    void this.load();
  }

  protected async load(before?: string): Promise<void> {
    const load = ++this.loads;
    try {
      const page = await this.api.activity({ ...this.filter(), ...(before && { before }) });
      if (load !== this.loads) return;
      this.rows.update((rows) => (before ? [...rows, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
      this.error.set(null);
    } catch (error) {
      if (load === this.loads) this.error.set(describeApiError(error));
    }
  }
}
