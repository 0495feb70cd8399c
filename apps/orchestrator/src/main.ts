import { loadConfigOrExit, runService } from '@btsx/platform';
import { serveOpenApi } from './openapi';
import { OrchestratorConfig } from './orchestrator.config';
import { OrchestratorModule } from './orchestrator.module';

const TASK_EVENT_CONCURRENCY = { 'task.finished': 16, 'task.failed': 16, 'task.stopped': 16 };
/**
 * Parts of an audit report stored at once: each only shares its audit's row lock, and a
 * report of 200,000 findings is 400 parts that job.audited waits for.
 */
const REPORT_PART_CONCURRENCY = 4;

const config = loadConfigOrExit(OrchestratorConfig);
void runService({
  name: 'orchestrator',
  module: OrchestratorModule.forRoot(config),
  config,
  // Task events of one job are applied together (JobUpdater's group commit); several in hand
  // at once is what lets them form groups, and lets other jobs' events go meanwhile.
  transport: {
    concurrency: { ...TASK_EVENT_CONCURRENCY, 'job.audit.findings': REPORT_PART_CONCURRENCY },
  },
  beforeListen: serveOpenApi,
});
