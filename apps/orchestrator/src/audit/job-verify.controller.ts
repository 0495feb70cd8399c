import { JobView, VerifyJobRequest } from '@btsx/contracts';
import { NotFoundError } from '@btsx/platform';
import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AccountClaims } from '../jobs/account-claims';
import { NO_SUCH_JOB } from '../jobs/job-commands.service';
import { JobAccessGuard, TenantJobRole } from '../jobs/job-access.guard';
import { JobRateLimitGuard } from '../jobs/job-rate-limit.guard';
import { JobViewReader } from '../jobs/job-view.reader';
import { JobVerifyService } from './job-verify.service';

@Controller('api/jobs')
export class JobVerifyController {
  constructor(
    private readonly verifier: JobVerifyService,
    private readonly reader: JobViewReader,
    private readonly accounts: AccountClaims,
  ) {}

  /**
   * 202 with the job: the audit runs now; its answer shows in the job's `audit`. It signs in
   * to both accounts as a job does, so it counts against the same budgets.
   */
  @Post(':id/verify')
  @HttpCode(202)
  @UseGuards(JobAccessGuard, JobRateLimitGuard)
  @TenantJobRole('operator')
  async verify(
    @Param('id') id: string,
    @Body() request: VerifyJobRequest,
    @Req() req: Request,
  ): Promise<JobView> {
    const claim = this.accounts.ofClient(request, req);
    await this.verifier.verify(id, claim, request.deep);
    const view = await this.reader.view(id);
    if (!view) throw new NotFoundError(NO_SUCH_JOB);
    return view;
  }
}
