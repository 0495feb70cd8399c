import { loadConfigOrExit, runService } from '@btsx/platform';
import { DiscoveryConfig } from './app/discovery-config';
import { DiscoveryModule } from './app/discovery.module';

const config = loadConfigOrExit(DiscoveryConfig);
const concurrency = config.DISCOVERY_CONCURRENCY;
void runService({
  name: 'discovery',
  module: DiscoveryModule.forRoot(config),
  config,
  transport: {
    policies: { 'job.requested': { concurrency }, 'job.audit.requested': { concurrency } },
  },
});
