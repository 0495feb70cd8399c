import {
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
import { AdminAuthGuard, AdminPrincipal, CurrentAdmin } from '../admin';
import { readCsvBody } from './batch-body';
import { BatchCommandsService } from './batch-commands.service';
import { BatchImportService } from './batch-import.service';
import { BatchViewReader } from './batch-view.reader';
import { BatchScheduleCommands } from './schedule/batch-schedule-commands';

const CSV = 'text/csv; charset=utf-8';

@ApiTags('batches')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin/batches')
@UseGuards(AdminAuthGuard)
export class BatchController {
  constructor(
    private readonly importer: BatchImportService,
    private readonly commands: BatchCommandsService,
    private readonly reader: BatchViewReader,
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
  @Post()
  async import(
    @Req() request: Request,
    @Query() query: ImportBatchQuery,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<ImportBatchResponse> {
    return this.importer.import(await readCsvBody(request), query, admin);
  }

  @ApiOperation({ summary: 'Every batch with its totals, newest first' })
  @Get()
  list(): Promise<BatchView[]> {
    return this.reader.list();
  }

  @ApiOperation({ summary: 'One batch: state, limits, totals per state, throughput' })
  @Get(':id')
  view(@Param('id') id: string): Promise<BatchView> {
    return this.reader.view(id);
  }

  @ApiOperation({ summary: "The batch's mailbox pairs with their job's state and counts" })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'host', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'text in a host or username' })
  @Get(':id/items')
  items(@Param('id') id: string, @Query() query: BatchItemsQuery): Promise<BatchItemView[]> {
    return this.reader.items(id, query);
  }

  @ApiOperation({ summary: 'Failures grouped by reason, most common first' })
  @Get(':id/failure-reasons')
  failureReasons(@Param('id') id: string): Promise<FailureGroupView[]> {
    return this.reader.failureReasons(id);
  }

  @ApiOperation({ summary: 'Cumulative bytes and messages over time (the throughput chart)' })
  @Get(':id/throughput')
  throughput(@Param('id') id: string): Promise<ThroughputSample[]> {
    return this.reader.throughput(id);
  }

  @ApiOperation({ summary: 'Every message that could not be copied, with its reason' })
  @Get(':id/failed-messages')
  failedMessages(@Param('id') id: string): Promise<FailedMessageView[]> {
    return this.reader.failedMessages(id);
  }

  @ApiOperation({ summary: 'The failed messages as CSV' })
  @ApiProduces('text/csv')
  @Get(':id/failed-messages.csv')
  @Header('content-type', CSV)
  failedMessagesCsv(@Param('id') id: string): Promise<string> {
    return this.reader.failedMessagesCsv(id);
  }

  @ApiOperation({ summary: 'The report: one CSV row per job (counts, bytes, duration, audit)' })
  @ApiProduces('text/csv')
  @Get(':id/report.csv')
  @Header('content-type', CSV)
  report(@Param('id') id: string): Promise<string> {
    return this.reader.reportCsv(id);
  }

  @ApiOperation({ summary: 'Start no new job; running jobs go on' })
  @Post(':id/pause')
  @HttpCode(200)
  pause(@Param('id') id: string): Promise<BatchActionResponse> {
    return this.commands.pause(id);
  }

  @ApiOperation({ summary: 'Start jobs again' })
  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id') id: string): Promise<BatchActionResponse> {
    return this.commands.resume(id);
  }

  @ApiOperation({ summary: "Cancel waiting and running jobs; discards the batch's credentials" })
  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string): Promise<BatchActionResponse> {
    return this.commands.cancel(id);
  }

  @ApiOperation({
    summary: 'Run failed, partly failed and cancelled jobs again (Replace Existing)',
  })
  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string): Promise<BatchActionResponse> {
    return this.commands.retryFailed(id);
  }

  @ApiOperation({
    summary: 'Delta pass: run every job of a finished batch again (Replace Existing)',
  })
  @Post(':id/delta')
  @HttpCode(200)
  delta(@Param('id') id: string): Promise<BatchActionResponse> {
    return this.commands.deltaPass(id);
  }

  @ApiOperation({
    summary: "The schedule's final pass once the current pass ended (or now), then its end",
    description:
      "409 for a batch without a live schedule, or once asked for; the end discards the batch's passwords",
  })
  @Post(':id/final')
  @HttpCode(200)
  async finalPass(@Param('id') id: string): Promise<BatchActionResponse> {
    await this.schedules.finalPass(id);
    return { affected: 0 };
  }

  @ApiOperation({
    summary: 'Give a batch without one a schedule of delta passes of every line',
    description:
      'The same fields as the import (everyHours and timeZone required); 409 when it has one',
  })
  @Put(':id/schedule')
  async schedule(@Param('id') id: string, @Body() body: BatchScheduleRequest): Promise<BatchView> {
    await this.schedules.set(id, body);
    return this.reader.view(id);
  }

  @ApiOperation({ summary: 'Change the concurrency and per-host limits' })
  @Put(':id/limits')
  limits(@Param('id') id: string, @Body() body: BatchLimitsRequest): Promise<BatchActionResponse> {
    return this.commands.setLimits(id, body);
  }

  @ApiOperation({ summary: 'Delete a batch with nothing running, and its credentials' })
  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string): Promise<void> {
    return this.commands.delete(id);
  }
}
