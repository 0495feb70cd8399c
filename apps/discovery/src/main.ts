import { loadConfigOrExit, runService } from '@btsx/platform';
import { DiscoveryConfig } from './app/discovery-config';
import { DiscoveryModule } from './app/discovery.module';

const config = loadConfigOrExit(DiscoveryConfig);
void runService({
  name: 'discovery',
  module: DiscoveryModule.forRoot(config),
  config,
  transport: {
    concurrency: {
      'job.requested': config.DISCOVERY_CONCURRENCY,
      'job.audit.requested': config.DISCOVERY_CONCURRENCY,
    },
  },
});
