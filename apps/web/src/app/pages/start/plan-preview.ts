import { computed, type Signal, signal } from '@angular/core';
import type { CreateJobRequest } from '@btsx/contracts';
import type { PlanView } from '@btsx/contracts/core';
import { describeApiError } from '../../shared/api/api-error';

/**
 * The start page's plan: drawn for the request the page would send now, and out of date
 * once that request changes (an option, a folder rule, the message filter, an account).
 */
export class PlanPreview {
  readonly plan = signal<PlanView | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  /** The request the shown plan (or error) answers, as JSON: requests compare by value. */
  private readonly drawnFor = signal<string | null>(null);
  readonly shown = computed(() => this.drawnFor() !== null);
  readonly stale = computed(() => {
    const drawnFor = this.drawnFor();
    return drawnFor !== null && drawnFor !== JSON.stringify(this.request());
  });

  constructor(
    private readonly request: Signal<CreateJobRequest | null>,
    private readonly fetchPlan: (request: CreateJobRequest) => Promise<PlanView>,
  ) {}

  async draw(): Promise<void> {
    const request = this.request();
    if (!request || this.loading()) return;
    this.loading.set(true);
    this.drawnFor.set(JSON.stringify(request));
    try {
      this.plan.set(await this.fetchPlan(request));
      this.error.set(null);
    } catch (error) {
      this.plan.set(null);
      this.error.set(describeApiError(error));
    } finally {
      this.loading.set(false);
    }
  }
}
