import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HealthController } from '@btsx/platform';
import { GatewayConfig } from './gateway-config';
import { createApiProxies } from './api-proxy';
import { securityHeaders } from './security-headers';
import { createSpaHandlers } from './spa-static';

@Module({ controllers: [HealthController] })
export class GatewayModule implements NestModule {
  constructor(private readonly config: GatewayConfig) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    return { module: GatewayModule, providers: [{ provide: GatewayConfig, useValue: config }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    const { AUTH_URL, ORCHESTRATOR_URL, WEB_ROOT } = this.config;
    consumer
      .apply(
        securityHeaders,
        ...createApiProxies(AUTH_URL, ORCHESTRATOR_URL),
        ...createSpaHandlers(WEB_ROOT),
      )
      .forRoutes('*path');
  }
}
