import { loadConfigOrExit, runService } from '@btsx/platform';
import { serveOpenApi } from './openapi';
import { OrchestratorConfig } from './orchestrator.config';
import { OrchestratorModule } from './orchestrator.module';

const config = loadConfigOrExit(OrchestratorConfig);
void runService({
  name: 'orchestrator',
  module: OrchestratorModule.forRoot(config),
  config,
  transport: {},
  beforeListen: serveOpenApi,
});
