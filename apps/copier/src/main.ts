import { loadConfigOrExit, runService } from '@btsx/platform';
import { CopierConfig } from './app/copier-config';
import { CopierModule } from './app/copier.module';

const config = loadConfigOrExit(CopierConfig);
void runService({
  name: 'copier',
  module: CopierModule.forRoot(config),
  config,
  transport: {
    policies: {
      'copy.task': {
        concurrency: config.COPIER_CONCURRENCY,
        ackWaitMs: config.COPIER_TASK_ACK_WAIT_MS,
      },
    },
  },
});
