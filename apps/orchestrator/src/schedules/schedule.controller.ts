import { CreateScheduleRequest, CreateScheduleResponse, ScheduleView } from '@btsx/contracts';
import { NotFoundError } from '@btsx/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { JobRateLimitGuard } from '../jobs/job-rate-limit.guard';
import { NO_SUCH_SCHEDULE, ScheduleCommandsService } from './schedule-commands.service';
import { ScheduleViewReader } from './schedule-view.reader';

/** Schedules, reachable by their id like jobs: whoever knows it may watch and command it. */
@Controller('api/schedules')
export class ScheduleController {
  constructor(
    private readonly commands: ScheduleCommandsService,
    private readonly reader: ScheduleViewReader,
  ) {}

  /** Counts as a job started (its first pass), against the same limits. */
  @Post()
  @UseGuards(JobRateLimitGuard)
  async create(
    @Body() request: CreateScheduleRequest,
    @Req() req: Request,
  ): Promise<CreateScheduleResponse> {
    return { id: await this.commands.create(request, req) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ScheduleView> {
    const view = isUUID(id) ? await this.reader.view(id) : null;
    if (!view) throw new NotFoundError(NO_SUCH_SCHEDULE);
    return view;
  }

  @Post(':id/final')
  @HttpCode(200)
  async finalPass(@Param('id') id: string): Promise<ScheduleView> {
    await this.commands.finalPass(id);
    return this.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string): Promise<ScheduleView> {
    await this.commands.cancel(id);
    return this.get(id);
  }
}
