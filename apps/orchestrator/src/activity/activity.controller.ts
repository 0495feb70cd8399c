import { ActivityFilter, ActivityPage, ActivityQuery } from '@btsx/contracts';
import { Controller, Get, Query, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { AdminAuthGuard, AdminPrincipal, CurrentAdmin, listedTenant, RequireRole } from '../admin';
import { activityCsv, ACTIVITY_CSV_HEADER } from './activity-csv';
import { ActivityReader } from './activity.reader';

@ApiTags('admin')
@ApiCookieAuth()
@ApiBearerAuth()
@Controller('api/admin')
@UseGuards(AdminAuthGuard)
@RequireRole('owner')
export class ActivityController {
  constructor(private readonly reader: ActivityReader) {}

  @ApiOperation({
    summary: 'The activity log: who did what, when and from where, newest first',
    description:
      'Filters: actor (an admin or token id, or an email), action, target (an id), tenant, ' +
      'from (inclusive) and to (exclusive) as ISO 8601. `before`: the nextCursor of the ' +
      'previous page.',
  })
  @Get('activity')
  list(
    @Query() query: ActivityQuery,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<ActivityPage> {
    return this.reader.page(ownTenant(query, admin));
  }

  @ApiOperation({
    summary: 'Every row the filters match as CSV, newest first (streamed)',
    description: `Columns: ${ACTIVITY_CSV_HEADER.join(', ')}.`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The log (an attachment)', schema: { type: 'string' } })
  @Get('activity.csv')
  csv(@Query() filter: ActivityFilter, @CurrentAdmin() admin: AdminPrincipal): StreamableFile {
    const rows = this.reader.all(ownTenant(filter, admin));
    return new StreamableFile(Readable.from(activityCsv(rows)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="btsx-activity.csv"',
    });
  }
}

/** A tenant's owner reads its tenant's rows alone; an MSP owner every row, or one tenant's. */
function ownTenant<F extends ActivityFilter>(filter: F, admin: AdminPrincipal): F {
  return { ...filter, tenant: listedTenant(admin, filter.tenant) };
}
