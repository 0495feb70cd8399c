import { JobAuditFindings, SUBJECTS } from '@btsx/contracts';
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AuditFindingsStore } from './audit-findings.store';

/** The parts of an audit's report; the bus validated the payload. */
@Controller()
export class AuditFindingsHandler {
  private readonly logger = new Logger('Audit');

  constructor(private readonly findings: AuditFindingsStore) {}

  @EventPattern(SUBJECTS.jobAuditFindings)
  async part(@Payload() event: JobAuditFindings): Promise<void> {
    if (await this.findings.storePart(event)) return;
    const { auditId, attempt, part } = event;
    this.logger.log(
      `Report part ${part} of audit ${auditId} (run ${attempt}) ignored: not running`,
    );
  }
}
