import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { ReadinessChecks } from '../observability/readiness-checks';

/**
 * Liveness and readiness. Liveness checks nothing beyond the process answering, on purpose:
 * a NATS or Postgres outage must take pods out of the load balancer (readiness), not make
 * Kubernetes restart every one of them.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 when every dependency answers; 503 with terminus' usual body naming the failing ones. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.indicators());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
