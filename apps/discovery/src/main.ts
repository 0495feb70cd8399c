import { loadConfigOrExit, runService } from '@btsx/platform';
import { DiscoveryConfig } from './app/discovery-config';
import { DiscoveryModule } from './app/discovery.module';

const config = loadConfigOrExit(DiscoveryConfig);
const work = { concurrency: config.DISCOVERY_CONCURRENCY, attempts: config.DISCOVERY_ATTEMPTS };
void runService({
  name: 'discovery',
  module: DiscoveryModule.forRoot(config),
  config,
  transport: {
    policies: { 'job.requested': work, 'job.audit.requested': work },
  },
});
