import { loadConfigOrExit, runService } from '@btsx/platform';
import { GatewayConfig } from './app/gateway-config';
import { gatewayMiddleware } from './app/gateway-middleware';
import { GatewayModule } from './app/gateway.module';

const config = loadConfigOrExit(GatewayConfig);
void runService({
  name: 'gateway',
  module: { module: GatewayModule },
  config,
  parseJsonBodies: false,
  middleware: gatewayMiddleware(config),
});
