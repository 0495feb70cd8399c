import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  DEFAULT_BATCH_CONCURRENCY,
  DEFAULT_BATCH_PER_HOST_LIMIT,
  TERMINAL_JOB_STATUSES,
  type BatchView,
} from '@btsx/contracts/core';
import { formatBytes, formatStateLabel } from '@btsx/format';
import { describeApiError } from '../../shared/api/api-error';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { BATCH_PASSWORDS_TERMS } from '../../shared/schedule/schedule-terms';
import { AdminApi } from '../admin-api.service';
import { refreshEvery } from '../live-refresh';
import { AdminSession } from '../session/admin-session.service';
import { followTenant } from '../session/follow-tenant';
import { importErrors } from './import-errors';

@Component({
  selector: 'btsx-batches-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    DatePipe,
    DecimalPipe,
    MatCardModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
  ],
  templateUrl: './batches-page.component.html',
  styleUrl: './batches-page.component.scss',
})
export class BatchesPageComponent {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  protected readonly session = inject(AdminSession);

  protected readonly batches = signal<BatchView[]>([]);
  protected readonly canImport = computed(() => this.session.may('operator'));
  /** A tenant column only for an MSP admin seeing all tenants. */
  protected readonly columns = computed(() => [
    'name',
    ...(this.session.isMsp() && !this.session.tenantFilter() ? ['tenant'] : []),
    ...['state', 'items', 'done', 'copied', 'bytes', 'created'],
  ]);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    /** An MSP admin's target tenant; empty: the Default tenant. */
    tenant: [this.session.tenantFilter() ?? ''],
    name: [''],
    concurrency: [DEFAULT_BATCH_CONCURRENCY, [Validators.required, Validators.min(1)]],
    perHostLimit: [DEFAULT_BATCH_PER_HOST_LIMIT, [Validators.required, Validators.min(1)]],
    notifyEmail: ['', Validators.email],
    notifyWebhook: ['', Validators.pattern(/^https?:\/\/\S+$/)],
    // A schedule: empty "every" is none. Times are the admin's wall clock, in the browser's zone.
    everyHours: [null as number | null, Validators.min(1)],
    startAt: [''],
    endsAt: [''],
    mirrorDeletions: [false],
  });
  protected readonly timeZone = browserTimeZone();
  protected readonly passwordsTerms = BATCH_PASSWORDS_TERMS;
  /** A new batch's webhook secret, shown once before its page opens. */
  protected readonly created = signal<{ id: string; webhookSecret: string } | null>(null);
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly rowErrors = signal<string[]>([]);
  protected readonly formatBytes = formatBytes;
  protected readonly stateLabel = formatStateLabel;

  constructor() {
    refreshEvery(() => this.load());
    followTenant(() => this.load(), { skipFirst: true });
    effect(() => this.form.controls.tenant.setValue(this.session.tenantFilter() ?? ''));
  }

  private async load(): Promise<void> {
    const tenant = this.session.tenantFilter() ?? undefined;
    const batches = await this.api.batches(tenant);
    // An answer for the tenant shown before the switch is late: the next one is coming.
    if (tenant === (this.session.tenantFilter() ?? undefined)) this.batches.set(batches);
  }

  protected choose(event: Event): void {
    this.file.set((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  /** Items whose job ended, in whatever state. */
  protected finished(batch: BatchView): number {
    const states = batch.totals.states;
    return TERMINAL_JOB_STATUSES.reduce((sum, status) => sum + (states[status] ?? 0), 0);
  }

  protected async upload(): Promise<void> {
    const file = this.file();
    if (!file) return;
    this.busy.set(true);
    this.error.set(null);
    this.rowErrors.set([]);
    try {
      const { tenant, notifyEmail, notifyWebhook, ...rest } = this.form.getRawValue();
      const { everyHours, startAt, endsAt, mirrorDeletions, ...limits } = rest;
      const { id, webhookSecret } = await this.api.importCsv(await file.text(), {
        ...limits,
        ...(tenant && { tenant }),
        ...(notifyEmail && { notifyEmail }),
        ...(notifyWebhook && { notifyWebhook }),
        ...(everyHours && {
          everyHours,
          timeZone: this.timeZone,
          mirrorDeletions,
          ...(startAt && { startAt }),
          ...(endsAt && { endsAt }),
        }),
      });
      if (webhookSecret) this.created.set({ id, webhookSecret });
      else await this.router.navigate(['/admin/batches', id]);
    } catch (error) {
      const rows = importErrors(error);
      this.rowErrors.set(rows);
      this.error.set(rows.length > 0 ? 'The CSV was not imported:' : describeApiError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
