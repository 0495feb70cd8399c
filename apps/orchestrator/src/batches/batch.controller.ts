import {
  ActivityAction,
  BatchActionResponse,
  BatchItemsQuery,
  BatchItemView,
  BatchLimitsRequest,
  BatchScheduleRequest,
  BatchView,
  FailedMessageView,
  FailureGroupView,
  ImportBatchQuery,
  ImportBatchResponse,
  TenantFilterQuery,
  ThroughputSample,
} from '@btsx/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ActivityDetail, ActivityLog, ActivityOrigin, RequestOrigin } from '../activity';
import { AdminAuthGuard, AdminPrincipal, CurrentAdmin, listedTenant, RequireRole } from '../admin';
import { batchActivity } from './batch-activity';
import { readCsvBody } from './batch-body';
import { BatchCommandsService } from './batch-commands.service';
import { BatchImportService } from './batch-import.service';
import { BatchTenantGuard } from './batch-tenant.guard';
import { BatchViewReader } from './batch-view.reader';
import { BatchScheduleCommands } from './schedule/batch-schedule-commands';

const CSV = 'text/csv; charset=utf-8';

@ApiTags('batches')
@ApiCookieAuth()
@ApiBearerAuth()
/**
 * Viewers read and download reports; operators start, pause, retry and delete. A batch of
 * another tenant answers 404 (BatchTenantGuard).
 */
@Controller('api/admin/batches')
@UseGuards(AdminAuthGuard, BatchTenantGuard)
export class BatchController {
  constructor(
    private readonly importer: BatchImportService,
    private readonly commands: BatchCommandsService,
    private readonly reader: BatchViewReader,
    private readonly activity: ActivityLog,
    private readonly schedules: BatchScheduleCommands,
  ) {}

  @ApiOperation({
    summary: 'Import a CSV of mailbox pairs (text/csv body); all rows or none (400 per line)',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The CSV (columns in docs/admin.md)', schema: { type: 'string' } })
  @ApiQuery({ name: 'name', required: false })
  @ApiQuery({ name: 'concurrency', required: false, type: Number })
  @ApiQuery({ name: 'perHostLimit', required: false, type: Number })
  @ApiQuery({
    name: 'tenant',
    required: false,
    description: "The batch's tenant: a tenant admin's own; an MSP admin's choice, or the default",
  })
  @Post()
  @RequireRole('operator')
  async import(
    @Req() request: Request,
    @Query() query: ImportBatchQuery,
    @CurrentAdmin() admin: AdminPrincipal,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<ImportBatchResponse> {
    return this.importer.import(await readCsvBody(request), query, admin, origin);
  }

  @ApiOperation({
    summary: "Every batch the admin sees with its totals, newest first (?tenant=: one tenant's)",
  })
  @Get()
  @RequireRole('viewer')
  list(
    @Query() query: TenantFilterQuery,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<BatchView[]> {
    return this.reader.list(listedTenant(admin, query.tenant));
  }

  @ApiOperation({ summary: 'One batch: state, limits, totals per state, throughput' })
  @Get(':id')
  @RequireRole('viewer')
  view(@Param('id') id: string): Promise<BatchView> {
    return this.reader.view(id);
  }

  @ApiOperation({ summary: "The batch's mailbox pairs with their job's state and counts" })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'host', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'text in a host or username' })
  @Get(':id/items')
  @RequireRole('viewer')
  items(@Param('id') id: string, @Query() query: BatchItemsQuery): Promise<BatchItemView[]> {
    return this.reader.items(id, query);
  }

  @ApiOperation({ summary: 'Failures grouped by reason, most common first' })
  @Get(':id/failure-reasons')
  @RequireRole('viewer')
  failureReasons(@Param('id') id: string): Promise<FailureGroupView[]> {
    return this.reader.failureReasons(id);
  }

  @ApiOperation({ summary: 'Cumulative bytes and messages over time (the throughput chart)' })
  @Get(':id/throughput')
  @RequireRole('viewer')
  throughput(@Param('id') id: string): Promise<ThroughputSample[]> {
    return this.reader.throughput(id);
  }

  @ApiOperation({ summary: 'Every message that could not be copied, with its reason' })
  @Get(':id/failed-messages')
  @RequireRole('viewer')
  failedMessages(@Param('id') id: string): Promise<FailedMessageView[]> {
    return this.reader.failedMessages(id);
  }

  @ApiOperation({ summary: 'The failed messages as CSV' })
  @ApiProduces('text/csv')
  @Get(':id/failed-messages.csv')
  @RequireRole('viewer')
  @Header('content-type', CSV)
  async failedMessagesCsv(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<string> {
    const csv = await this.reader.failedMessagesCsv(id);
    await this.record(id, 'batch.report-downloaded', origin, { report: 'failed-messages' });
    return csv;
  }

  @ApiOperation({ summary: 'The report: one CSV row per job (counts, bytes, duration, audit)' })
  @ApiProduces('text/csv')
  @Get(':id/report.csv')
  @RequireRole('viewer')
  @Header('content-type', CSV)
  async report(@Param('id') id: string, @RequestOrigin() origin: ActivityOrigin): Promise<string> {
    const csv = await this.reader.reportCsv(id);
    await this.record(id, 'batch.report-downloaded', origin, { report: 'jobs' });
    return csv;
  }

  @ApiOperation({ summary: 'Start no new job; running jobs go on' })
  @Post(':id/pause')
  @RequireRole('operator')
  @HttpCode(200)
  pause(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    return this.commands.pause(id, origin);
  }

  @ApiOperation({ summary: 'Start jobs again' })
  @Post(':id/resume')
  @RequireRole('operator')
  @HttpCode(200)
  resume(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    return this.commands.resume(id, origin);
  }

  @ApiOperation({ summary: "Cancel waiting and running jobs; discards the batch's credentials" })
  @Post(':id/cancel')
  @RequireRole('operator')
  @HttpCode(200)
  cancel(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    return this.commands.cancel(id, origin);
  }

  @ApiOperation({
    summary: 'Run failed, partly failed and cancelled jobs again (Replace Existing)',
  })
  @Post(':id/retry')
  @RequireRole('operator')
  @HttpCode(200)
  retry(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    return this.commands.retryFailed(id, origin);
  }

  @ApiOperation({
    summary: 'Delta pass: run every job of a finished batch again (Replace Existing)',
  })
  @Post(':id/delta')
  @RequireRole('operator')
  @HttpCode(200)
  delta(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    return this.commands.deltaPass(id, origin);
  }

  @ApiOperation({
    summary: "The schedule's final pass once the current pass ended (or now), then its end",
    description:
      "409 for a batch without a live schedule, or once asked for; the end discards the batch's passwords",
  })
  @Post(':id/final')
  @RequireRole('operator')
  @HttpCode(200)
  async finalPass(
    @Param('id') id: string,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    await this.schedules.finalPass(id);
    await this.record(id, 'batch.final-pass', origin);
    return { affected: 0 };
  }

  @ApiOperation({
    summary: 'Give a batch without one a schedule of delta passes of every line',
    description:
      'The same fields as the import (everyHours and timeZone required); 409 when it has one',
  })
  @Put(':id/schedule')
  @RequireRole('operator')
  async schedule(
    @Param('id') id: string,
    @Body() body: BatchScheduleRequest,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchView> {
    await this.schedules.set(id, body);
    await this.record(id, 'batch.schedule-set', origin, { ...body });
    return this.reader.view(id);
  }

  @ApiOperation({ summary: 'Change the concurrency and per-host limits' })
  @Put(':id/limits')
  @RequireRole('operator')
  limits(
    @Param('id') id: string,
    @Body() body: BatchLimitsRequest,
    @RequestOrigin() origin: ActivityOrigin,
  ): Promise<BatchActionResponse> {
    return this.commands.setLimits(id, body, origin);
  }

  @ApiOperation({ summary: 'Delete a batch with nothing running, and its credentials' })
  @Delete(':id')
  @RequireRole('operator')
  @HttpCode(204)
  delete(@Param('id') id: string, @RequestOrigin() origin: ActivityOrigin): Promise<void> {
    return this.commands.delete(id, origin);
  }

  /** A report is data leaving the system: who took which, and when. */
  /** An action whose service records nothing of its own (a download, a schedule's change). */
  private async record(
    id: string,
    action: ActivityAction,
    origin: ActivityOrigin,
    detail?: ActivityDetail,
  ): Promise<void> {
    const batch = await this.reader.find(id);
    await this.activity.record(origin, batchActivity(action, batch, detail));
  }
}
