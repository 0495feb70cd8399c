import { loadConfigOrExit, runService } from '@btsx/platform';
import { GatewayConfig } from './app/gateway-config';
import { GatewayModule } from './app/gateway.module';

const config = loadConfigOrExit(GatewayConfig);
void runService({
  name: 'gateway',
  module: GatewayModule.forRoot(config),
  config,
  parseJsonBodies: false,
});
