import { ConsoleLogger, DynamicModule, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '../bus/bus.module';
import { JetStreamTransport, JetStreamTransportOptions } from '../bus/jetstream-transport';
import { ConfigError, loadConfig } from '../config/load-config';
import { ServiceConfig } from '../config/common-config';
import { ApiExceptionFilter } from '../http/api-exception.filter';
import { strictTransportSecurity } from '../http/strict-transport-security';
import { createValidationPipe } from '../http/validation';
import { registerConsumerBacklog } from '../observability/consumer-backlog.metrics';
import { ObservabilityModule } from '../observability/observability.module';
import { Registry } from 'prom-client';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
/** Largest JSON body any endpoint accepts; credentials and job requests are tiny. */
const BODY_LIMIT = '64kb';

/** Reads the config or stops the process with one line naming the bad variables. */
export function loadConfigOrExit<T extends object>(schema: new () => T): T {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export interface ServiceDefinition {
  name: string;
  module: DynamicModule;
  config: ServiceConfig;
  /** Bus handlers of this service; omit for an HTTP-only service. */
  transport?: Omit<JetStreamTransportOptions, 'service'>;
  /** False for a service that streams request bodies on (the gateway's proxy). */
  parseJsonBodies?: boolean;
  /** Express middleware that runs before any route (the gateway's proxy and static files). */
  middleware?: RequestHandler[];
  /** Last touches before the service listens (the orchestrator's OpenAPI page). */
  beforeListen?: (app: NestExpressApplication) => void;
}

/**
 * Boots one service: logging, HTTP on HOST:PORT with validation, error mapping and
 * Strict-Transport-Security over HTTPS, /health, /health/ready, /metrics, the bus, and a
 * graceful shutdown on SIGTERM (work in hand finishes or is handed back).
 */
export async function runService(definition: ServiceDefinition): Promise<NestExpressApplication> {
  const { config } = definition;
  const observed = {
    ...definition.module,
    imports: [...(definition.module.imports ?? []), ObservabilityModule.forRoot(definition.name)],
  };
  const app = await NestFactory.create<NestExpressApplication>(observed, {
    logger: new ConsoleLogger(definition.name, {
      logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1),
      json: config.LOG_JSON,
      colors: !config.LOG_JSON && process.stdout.isTTY,
    }),
    bodyParser: false,
  });
  // Express names itself in X-Powered-By: nothing a client needs, a hint for an attacker.
  app.disable('x-powered-by');
  app.use(strictTransportSecurity);
  for (const handler of definition.middleware ?? []) app.use(handler);
  if (definition.parseJsonBodies !== false) app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  // Exit once shut down, rather than re-raise the signal: as PID 1 in a container a re-raised
  // SIGTERM with no handler is ignored and the process would linger until SIGKILL.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  if (definition.transport) {
    const nc = app.get<NatsConnection>(NATS_CONNECTION);
    const strategy = new JetStreamTransport(nc, {
      service: definition.name,
      ...definition.transport,
    });
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
    registerConsumerBacklog(app.get(Registry), strategy);
    await app.startAllMicroservices();
  }
  definition.beforeListen?.(app);
  await app.listen(config.PORT, config.HOST);
  const url = await app.getUrl();
  new Logger(definition.name).log(`${definition.name} ready on ${url}`);
  return app;
}
