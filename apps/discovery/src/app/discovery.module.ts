import { BusModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditHandlers } from './audit/audit.handlers';
import { DiscoveryConfig } from './discovery-config';
import { DiscoveryHandlers } from './discovery.handlers';
import { JobSessions } from './job-sessions';
import { PlanPreviewHandlers } from './plan-preview.handlers';

@Module({})
export class DiscoveryModule {
  static forRoot(config: DiscoveryConfig): DynamicModule {
    return {
      module: DiscoveryModule,
      imports: [BusModule.forRoot({ service: 'discovery', settings: config })],
      controllers: [DiscoveryHandlers, AuditHandlers, PlanPreviewHandlers],
      providers: [{ provide: DiscoveryConfig, useValue: config }, JobSessions],
    };
  }
}
