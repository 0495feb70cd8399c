import { CreateJobRequest, PlanView, SUBJECTS } from '@btsx/contracts';
import {
  AppError,
  BusClient,
  clientSessionDigest,
  RemoteError,
  unansweredBy,
} from '@btsx/platform';
import { Body, Controller, HttpCode, Inject, Logger, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Request } from 'express';
import { OrchestratorConfig } from '../orchestrator.config';
import { CREDENTIAL_NOT_FOUND } from './account-claims';
import { PlanRateLimitGuard } from './job-rate-limit.guard';

const PLAN_DESCRIPTION =
  'Takes the body of POST /api/jobs and writes to neither account; the credential tokens stay ' +
  'good for the job. Answers a PlanView: folders (source, destination, state new|existing, ' +
  'renamedBecause, messages, bytes, filtered, tooLarge), leftOut (source, reason), totals, ' +
  "destinationLimit (the destination's APPENDLIMIT or its provider's known limit, bytes) and " +
  "estimate (seconds, the measured round trips, the source's speed on a sample). A job " +
  'started right after copies these numbers. 400: a token cannot be had; 422: an account or ' +
  'a folder rule refuses (the message names it); 429: too many plans; 503: no planner answers.';

@Controller('api/plans')
export class PlanController {
  private readonly logger = new Logger('Plans');

  constructor(
    private readonly bus: BusClient,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  /**
   * What a job of these tokens and options would do, asked of discovery, which borrows the
   * logins for this client's session and writes nothing. 400 when a token cannot be had, 422
   * when an account or a rule refuses (the reason, naming it), 503 when no planner answers.
   */
  @Post()
  @HttpCode(200)
  @UseGuards(PlanRateLimitGuard)
  @ApiOperation({
    summary: 'What a job of these accounts and options would do',
    description: PLAN_DESCRIPTION,
  })
  async preview(@Body() request: CreateJobRequest, @Req() req: Request): Promise<PlanView> {
    const session = clientSessionDigest(req);
    if (!session) throw new AppError(400, 'Both accounts must authenticate again');
    const { sourceCredentialId: source, destinationCredentialId: destination, options } = request;
    try {
      return await this.bus.request(
        SUBJECTS.planPreview,
        { session, source, destination, options },
        this.config.PLAN_TIMEOUT_MS,
      );
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private refusal(error: unknown): Error {
    if (error instanceof RemoteError && error.kind === CREDENTIAL_NOT_FOUND) {
      return new AppError(400, error.message);
    }
    // An account's or a rule's refusal is said for the user; anything else is ours.
    if (error instanceof RemoteError && (error.kind !== 'internal' || error.permanent)) {
      return new AppError(422, error.message);
    }
    this.logger.warn(`A plan failed: ${String(error)}`);
    const why = unansweredBy(error) ? 'is not answering' : 'could not make the plan';
    return new AppError(503, `The planning service ${why}; try again shortly`);
  }
}
