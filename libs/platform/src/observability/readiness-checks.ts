import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { getDataSourceToken } from '@nestjs/typeorm';
import { NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { NATS_CONNECTION } from '../bus/bus.module';

/** A probe answers within a Kubernetes probe timeout (default 1 s) even when a check hangs. */
const CHECK_TIMEOUT_MS = 800;

/**
 * What "ready" means for this service: each dependency it was built with answers. NATS when
 * the service is on the bus, Postgres when it owns a schema; the gateway has neither.
 */
@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly indicator: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
  ) {}

  indicators(): HealthIndicatorFunction[] {
    const checks: HealthIndicatorFunction[] = [];
    const nc = this.find<NatsConnection>(NATS_CONNECTION);
    if (nc) checks.push(() => this.nats(nc));
    const dataSource = this.find<DataSource>(getDataSourceToken());
    if (dataSource) {
      checks.push(() =>
        this.typeorm.pingCheck('postgres', { connection: dataSource, timeout: CHECK_TIMEOUT_MS }),
      );
    }
    return checks;
  }

  /** A PING/PONG round trip: fails while the client is disconnected or reconnecting. */
  private async nats(nc: NatsConnection): Promise<HealthIndicatorResult<'nats'>> {
    const check = this.indicator.check('nats');
    try {
      await withTimeout(nc.rtt(), CHECK_TIMEOUT_MS);
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  private find<T>(token: string | symbol | Function): T | undefined {
    try {
      return this.moduleRef.get<T>(token as string, { strict: false });
    } catch {
      return undefined;
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
