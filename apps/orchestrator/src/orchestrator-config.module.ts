import { DynamicModule, Global, Module } from '@nestjs/common';
import { OrchestratorConfig } from './orchestrator.config';

/** The config main.ts validated at boot, for every feature module to inject. */
@Global()
@Module({})
export class OrchestratorConfigModule {
  static forRoot(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorConfigModule,
      providers: [{ provide: OrchestratorConfig, useValue: config }],
      exports: [OrchestratorConfig],
    };
  }
}
