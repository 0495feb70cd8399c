import {
  type CopyTask,
  type ImapEndpoint,
  type QuotaDirection,
  quotaProviderOf,
} from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { CopierConfig } from '../copier-config';
import { JobRates } from './job-rates';
import { QuotaAllowance, type QuotaWaitListener, type Sleep } from './quota-allowance';
import { quotaRule } from './quota-config';
import { TransferPacer } from './transfer-pacer';
import { TransferQuotas } from './transfer-quotas.store';

type QuotaEndpoint = Pick<ImapEndpoint, 'host' | 'username' | 'provider'>;

const wait: Sleep = async (ms, signal) => {
  await sleep(ms, undefined, { signal });
};

/** Makes each task's pacer: its accounts' quotas, its job's speed limits. */
@Injectable()
export class TaskPacers {
  constructor(
    private readonly quotas: TransferQuotas,
    private readonly rates: JobRates,
    private readonly config: CopierConfig,
  ) {}

  /**
   * Downloads count against the source account, uploads against the destination's;
   * `onHold` hears the waits for a quota the task sits out.
   */
  forTask(
    task: CopyTask,
    accounts: Record<'source' | 'destination', QuotaEndpoint>,
    signal: AbortSignal,
    onHold: QuotaWaitListener,
  ): TransferPacer {
    const allowances = [
      this.allowance(accounts.source, 'download', signal, onHold),
      this.allowance(accounts.destination, 'upload', signal, onHold),
    ].filter((allowance) => allowance !== undefined);
    const rate = this.rates.of(task.jobId, task.options.limits);
    return new TransferPacer(allowances, rate, wait, signal);
  }

  private allowance(
    endpoint: QuotaEndpoint,
    direction: QuotaDirection,
    signal: AbortSignal,
    onHold: QuotaWaitListener,
  ) {
    const provider = quotaProviderOf(endpoint);
    const rule = quotaRule(this.config, provider, direction);
    if (!rule) return undefined;
    const { host, username } = endpoint;
    return new QuotaAllowance({
      quotas: this.quotas,
      account: { host, username },
      provider,
      direction,
      rule,
      holdMs: this.config.COPIER_QUOTA_HOLD_MS,
      sleep: wait,
      signal,
      onHold,
    });
  }
}
