import { JobAudited, SUBJECTS } from '@btsx/contracts';
import { JetStreamContext } from '@btsx/platform';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { AuditResultsService } from './audit-results.service';

/** The auditor's findings; the bus validated the payload. */
@Controller()
export class JobAuditedHandler {
  constructor(private readonly results: AuditResultsService) {}

  /** The delivery count: how long this answer has waited for its report's parts. */
  @EventPattern(SUBJECTS.jobAudited)
  audited(@Payload() event: JobAudited, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.results.record(event, ctx.deliveryCount);
  }
}
