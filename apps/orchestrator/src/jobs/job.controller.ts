import {
  CreateJobRequest,
  CreateJobResponse,
  JobView,
  RestartJobRequest,
  RestartJobResponse,
} from '@btsx/contracts';
import { NotFoundError } from '@btsx/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { NotifyPolicy } from '../notifications/notify-policy';
import { AccountClaims } from './account-claims';
import { JobAccessGuard, TenantJobRole } from './job-access.guard';
import { JobCommandsService, NO_SUCH_JOB, requireUuid } from './job-commands.service';
import { JobRateLimitGuard } from './job-rate-limit.guard';
import { JobRestartService } from './job-restart.service';
import { JobViewReader } from './job-view.reader';

/**
 * A job by its id: a job without a tenant to whoever knows the id, a tenant's job to that
 * tenant's admins (JobAccessGuard, with each route's role).
 */
@Controller('api/jobs')
export class JobController {
  constructor(
    private readonly commands: JobCommandsService,
    private readonly restarts: JobRestartService,
    private readonly reader: JobViewReader,
    private readonly accounts: AccountClaims,
    private readonly notifyPolicy: NotifyPolicy,
  ) {}

  @Post()
  @UseGuards(JobRateLimitGuard)
  async create(@Body() request: CreateJobRequest, @Req() req: Request): Promise<CreateJobResponse> {
    // Refused before the logins are claimed: a bad webhook URL costs the user no sign-in.
    const notify = await this.notifyPolicy.target(request.notify);
    const claim = this.accounts.ofClient(request, req);
    const id = await this.commands.create(request.options, claim, { notify });
    // The one time the secret is shown: receivers verify signatures with it.
    return { id, ...(notify?.webhookSecret && { webhookSecret: notify.webhookSecret }) };
  }

  @Get(':id')
  @UseGuards(JobAccessGuard)
  @TenantJobRole('viewer')
  async get(@Param('id') id: string): Promise<JobView> {
    const view = await this.reader.view(requireUuid(id));
    if (!view) throw new NotFoundError(NO_SUCH_JOB);
    return view;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @UseGuards(JobAccessGuard)
  @TenantJobRole('operator')
  async cancel(@Param('id') id: string): Promise<JobView> {
    await this.commands.cancel(id);
    return this.get(id);
  }

  /** 201 with the new job's id: a restart (or a delta pass) is a new job, and counts as one started. */
  @Post(':id/restart')
  @UseGuards(JobAccessGuard, JobRateLimitGuard)
  @TenantJobRole('operator')
  async restart(
    @Param('id') id: string,
    @Body() request: RestartJobRequest,
    @Req() req: Request,
  ): Promise<RestartJobResponse> {
    const claim = this.accounts.ofClient(request, req);
    return { id: await this.restarts.restart(id, claim, { delta: request.delta === true }) };
  }

  @Delete(':id')
  @HttpCode(204)
  @UseGuards(JobAccessGuard)
  @TenantJobRole('operator')
  async delete(@Param('id') id: string): Promise<void> {
    await this.commands.delete(id);
  }
}
