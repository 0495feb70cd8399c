import { CreateScheduleRequest, CreateScheduleResponse, ScheduleView } from '@btsx/contracts';
import { NotFoundError } from '@btsx/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'A job at a given time, then delta passes every N hours until the final pass',
    description:
      "Holds both accounts' passwords (encrypted; password logins only, 400 for OAuth) until " +
      'the final pass ended, a cancel, or endsAt (at most 90 days after creation). startAt and ' +
      'endsAt without Z or an offset are wall-clock times in timeZone.',
  })
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
  @ApiOperation({
    summary: 'One last delta pass once the current pass ended (or now), then the end; 409 twice',
  })
  async finalPass(@Param('id') id: string): Promise<ScheduleView> {
    await this.commands.finalPass(id);
    return this.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ends the schedule now, cancels its running pass, discards the passwords',
  })
  async cancel(@Param('id') id: string): Promise<ScheduleView> {
    await this.commands.cancel(id);
    return this.get(id);
  }
}
