import { NotFoundError } from '@btsx/platform';
import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { Request, Response } from 'express';
import { NO_SUCH_JOB, requireUuid } from '../jobs/job-commands.service';
import { JobAccessGuard, TenantJobRole } from '../jobs/job-access.guard';
import { JobViewReader } from '../jobs/job-view.reader';
import { JobStreamService } from './job-stream.service';

@Controller('api/jobs')
export class JobStreamController {
  constructor(
    private readonly reader: JobViewReader,
    private readonly streams: JobStreamService,
  ) {}

  /** Server-Sent Events: status lines, progress, then `end` with the final view. */
  @Get(':id/events')
  @UseGuards(JobAccessGuard)
  @TenantJobRole('viewer')
  async events(@Param('id') id: string, @Req() request: Request, @Res() response: Response) {
    if (!(await this.reader.view(requireUuid(id)))) throw new NotFoundError(NO_SUCH_JOB);
    this.streams.start(id, request, response);
  }
}
