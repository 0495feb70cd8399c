import { DatePipe, DecimalPipe, KeyValuePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  API_ROUTES,
  BATCH_ITEM_STATES,
  type BatchAction,
  type BatchItemState,
  type BatchItemView,
  type BatchView,
  type FailureGroupView,
  type ThroughputSample,
} from '@btsx/contracts/core';
import { formatBytes, formatStateLabel } from '@btsx/format';
import { describeApiError } from '../../shared/api/api-error';
import { AdminApi } from '../admin-api.service';
import { refreshEvery } from '../live-refresh';
import { AdminSession } from '../session/admin-session.service';
import { BatchScheduleCardComponent } from './batch-schedule-card.component';
import { chartGeometry } from './throughput-chart';

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 120;

@Component({
  selector: 'btsx-batch-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    DatePipe,
    DecimalPipe,
    KeyValuePipe,
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    BatchScheduleCardComponent,
  ],
  templateUrl: './batch-page.component.html',
  styleUrl: './batch-page.component.scss',
})
export class BatchPageComponent {
  private readonly api = inject(AdminApi);
  private readonly session = inject(AdminSession);
  /** Pause, resume, cancel, retry, delta and final pass: operators and owners. */
  protected readonly canAct = computed(() => this.session.may('operator'));

  /** The route's :id (component input binding). */
  readonly id = input.required<string>();

  protected readonly batch = signal<BatchView | null>(null);
  protected readonly items = signal<BatchItemView[]>([]);
  protected readonly reasons = signal<FailureGroupView[]>([]);
  protected readonly samples = signal<ThroughputSample[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly stateFilter = signal<BatchItemState | ''>('');
  protected readonly hostFilter = signal('');
  protected readonly textFilter = signal('');
  protected readonly states = BATCH_ITEM_STATES;
  protected readonly columns = [
    'line',
    'source',
    'destination',
    'state',
    'copied',
    'failed',
    'bytes',
  ];
  protected readonly chart = computed(() =>
    chartGeometry(this.samples(), CHART_WIDTH, CHART_HEIGHT),
  );
  protected readonly chartWidth = CHART_WIDTH;
  protected readonly chartHeight = CHART_HEIGHT;
  protected readonly reportUrl = computed(() => API_ROUTES.batchReportCsv.path(this.id()));
  protected readonly failedMessagesUrl = computed(() =>
    API_ROUTES.batchFailedMessagesCsv.path(this.id()),
  );
  protected readonly formatBytes = formatBytes;
  protected readonly stateLabel = formatStateLabel;

  constructor() {
    refreshEvery(() => this.load());
  }

  protected async load(): Promise<void> {
    const id = this.id();
    try {
      const [batch, items, reasons, samples] = await Promise.all([
        this.api.batch(id),
        this.api.items(id, {
          state: this.stateFilter() || undefined,
          host: this.hostFilter().trim() || undefined,
          q: this.textFilter().trim() || undefined,
        }),
        this.api.failureReasons(id),
        this.api.throughput(id),
      ]);
      this.batch.set(batch);
      this.items.set(items);
      this.reasons.set(reasons);
      this.samples.set(samples);
      this.error.set(null);
    } catch (error) {
      this.error.set(describeApiError(error));
    }
  }

  protected async act(action: BatchAction): Promise<void> {
    try {
      await this.api.act(this.id(), action);
      await this.load();
    } catch (error) {
      this.error.set(describeApiError(error));
    }
  }

  protected filter(): void {
    void this.load();
  }
}
