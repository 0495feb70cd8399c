import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { HealthController } from '../http/health.controller';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry } from './metrics-registry';
import { ReadinessChecks } from './readiness-checks';

/** /health (liveness), /health/ready (readiness) and /metrics for every service. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: Registry, useFactory: () => createMetricsRegistry(service) },
        ReadinessChecks,
      ],
      exports: [Registry],
    };
  }
}
