import { AUDIT_FINDING_KINDS } from '@btsx/contracts';
import { Controller, Get, Param, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { JobAccessGuard, TenantJobRole } from '../jobs/job-access.guard';
import { AuditReportService, ReportedAudit } from './audit-report.service';

const NOT_FOUND = { description: 'No such job' };
const CONFLICT = {
  description: 'The latest audit runs, failed, or there is none: no report yet',
};

const text = { type: 'string' };
const integer = { type: 'integer' };
const flags = { type: 'array', items: text };
/** AuditReport is an interface (no class to derive a schema from): described here. */
const AUDIT_REPORT_SCHEMA = {
  type: 'object',
  required: ['jobId', 'audit', 'findings'],
  properties: {
    jobId: { type: 'string', format: 'uuid' },
    audit: { type: 'object', description: "The audit as the job's `audit`, without `folders`" },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'sourceFolder', 'destinationFolder', 'reason'],
        properties: {
          kind: { type: 'string', enum: [...AUDIT_FINDING_KINDS] },
          sourceFolder: text,
          destinationFolder: text,
          sourceUid: integer,
          sourceSize: integer,
          destinationUid: integer,
          destinationSize: integer,
          messageId: text,
          date: text,
          subject: text,
          sourceFlags: flags,
          destinationFlags: flags,
          reason: text,
        },
      },
    },
  },
};

/** Downloads of a job's audit report; both forms stream the same rows in the same order. */
@ApiTags('jobs')
@Controller('api/jobs')
@UseGuards(JobAccessGuard)
export class AuditReportController {
  constructor(private readonly reports: AuditReportService) {}

  @ApiOperation({
    summary: "The latest audit's report as CSV: a row per finding, with its reason",
    description:
      'Columns: kind, source_folder, source_uid, destination_folder, destination_uid, ' +
      'message_id, date, subject, source_size, destination_size, source_flags, ' +
      'destination_flags, reason. Ordered by folder (as planned), kind, then UID.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The report (an attachment)', schema: { type: 'string' } })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(CONFLICT)
  @Get(':id/audit/report.csv')
  @TenantJobRole('viewer')
  async csv(@Param('id') id: string): Promise<StreamableFile> {
    const report = await this.reports.open(id);
    return download(report, 'csv', 'text/csv; charset=utf-8', this.reports.csv(report));
  }

  @ApiOperation({
    summary: "The latest audit's report as JSON (AuditReport): the audit, then every finding",
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The report (an attachment)', schema: AUDIT_REPORT_SCHEMA })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(CONFLICT)
  @Get(':id/audit/report.json')
  @TenantJobRole('viewer')
  async json(@Param('id') id: string): Promise<StreamableFile> {
    const report = await this.reports.open(id);
    return download(report, 'json', 'application/json; charset=utf-8', this.reports.json(report));
  }
}

/** The job id is a checked UUID: safe inside the quoted file name. */
function download(
  { jobId }: ReportedAudit,
  extension: string,
  type: string,
  chunks: AsyncGenerator<string>,
): StreamableFile {
  return new StreamableFile(Readable.from(chunks), {
    type,
    disposition: `attachment; filename="btsx-audit-${jobId}.${extension}"`,
  });
}
