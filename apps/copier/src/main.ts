import { loadConfigOrExit, runService } from '@btsx/platform';
import { CopierConfig } from './app/copier-config';
import { CopierModule } from './app/copier.module';
import { THROTTLED_ATTEMPTS } from './app/copy-task.handlers';

const config = loadConfigOrExit(CopierConfig);
void runService({
  name: 'copier',
  module: CopierModule.forRoot(config),
  config,
  transport: {
    concurrency: { 'copy.task': config.COPIER_CONCURRENCY },
    ackWaitMs: { 'copy.task': config.COPIER_TASK_ACK_WAIT_MS },
    // The handler reports a task failed on its last attempt (fewer unless throttled); one
    // spare in case that report fails. A task never acknowledged at all (the copier died
    // with it each time) is failed by the orchestrator from JetStream's advisory.
    maxDeliver: { 'copy.task': THROTTLED_ATTEMPTS + 1 },
  },
});
