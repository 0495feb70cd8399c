import { loadConfigOrExit, runService } from '@btsx/platform';
import { CopierConfig } from './app/copier-config';
import { CopierModule } from './app/copier.module';

/** A task silent this long is taken to be dead and redelivered; heartbeats come every 10 s. */
const TASK_ACK_WAIT_MS = 60_000;

const config = loadConfigOrExit(CopierConfig);
void runService({
  name: 'copier',
  module: CopierModule.forRoot(config),
  config,
  transport: {
    concurrency: { 'copy.task': config.COPIER_CONCURRENCY },
    ackWaitMs: { 'copy.task': TASK_ACK_WAIT_MS },
    maxDeliver: { 'copy.task': 20 },
  },
});
