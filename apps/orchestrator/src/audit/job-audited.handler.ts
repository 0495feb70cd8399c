import { JobAudited, SUBJECTS } from '@btsx/contracts';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AuditResultsService } from './audit-results.service';

/** The auditor's findings; the bus validated the payload. */
@Controller()
export class JobAuditedHandler {
  constructor(private readonly results: AuditResultsService) {}

  @EventPattern(SUBJECTS.jobAudited)
  audited(@Payload() event: JobAudited): Promise<void> {
    return this.results.record(event);
  }
}
