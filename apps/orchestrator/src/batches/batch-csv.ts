import {
  DEFAULT_PORT,
  filterBoundsProblem,
  folderRulesOption,
  JobOptions,
  MessageFilter,
  messageFilterOption,
  PasswordLogin,
  speedLimitsOption,
} from '@btsx/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { BatchCsvRow, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './batch-csv-row';

/** Rows one batch may hold: a large tenant, still one dashboard page of filters away. */
export const MAX_BATCH_ROWS = 10_000;
/** The header is line 1. */
const HEADER_LINE = 1;

/** One mailbox pair of a batch, ready to be stored. */
export interface BatchRowInput {
  line: number;
  source: PasswordLogin;
  destination: PasswordLogin;
  options: JobOptions;
}

export interface CsvLineError {
  line: number;
  problems: string[];
}

/** The CSV was refused; each problem names its line, and none names a password. */
export class BatchCsvError extends Error {
  constructor(readonly errors: CsvLineError[]) {
    super(`The CSV has errors on ${errors.length} line(s); nothing was imported`);
  }

  /** "line 3: source_port must be a port number" */
  details(): string[] {
    return this.errors.flatMap((e) => e.problems.map((p) => `line ${e.line}: ${p}`));
  }
}

interface CsvRecord {
  record: Record<string, string>;
  info: { lines: number };
}

/** Parses and checks every row; throws BatchCsvError listing every bad line, or none. */
export function parseBatchCsv(text: string): BatchRowInput[] {
  const records = readRecords(text);
  const errors: CsvLineError[] = [];
  const rows: BatchRowInput[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const { row, problems } = checkRow(record);
    if (row) {
      const key = pairKey(row);
      const first = seen.get(key);
      if (first !== undefined) problems.push(`the same mailbox pair as line ${first}`);
      else seen.set(key, line);
    }
    if (problems.length > 0) errors.push({ line, problems });
    else if (row) rows.push(toInput(line, row));
  }
  if (records.length === 0) errors.push({ line: HEADER_LINE + 1, problems: ['no rows'] });
  if (records.length > MAX_BATCH_ROWS) {
    errors.push({ line: HEADER_LINE, problems: [`more than ${MAX_BATCH_ROWS} rows`] });
  }
  if (errors.length > 0) throw new BatchCsvError(errors);
  return rows;
}

function readRecords(text: string): CsvRecord[] {
  let header: string[] = [];
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((n) => n.trim().toLowerCase())),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as CsvRecord[];
  } catch (error) {
    // csv-parse's own message may quote a cell (a password): say where, not what.
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === undefined) throw error;
    throw new BatchCsvError([
      { line: lines ?? HEADER_LINE, problems: [`malformed CSV (${code})`] },
    ]);
  }
  checkHeader(header);
  return records;
}

function checkHeader(header: string[]): void {
  if (header.length === 0) return;
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const problems = [
    ...REQUIRED_COLUMNS.filter((c) => !header.includes(c)).map((c) => `missing column ${c}`),
    ...header.filter((c) => !known.has(c)).map((c) => `unknown column ${c}`),
  ];
  if (problems.length > 0) throw new BatchCsvError([{ line: HEADER_LINE, problems }]);
}

function checkRow(record: Record<string, string>): { row?: BatchCsvRow; problems: string[] } {
  const row = plainToInstance(BatchCsvRow, record);
  const problems = validateSync(row, { stopAtFirstError: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}),
  );
  if (problems.length === 0) {
    const order = filterBoundsProblem(messageFilterOf(row));
    if (order) problems.push(order);
  }
  return problems.length > 0 ? { problems } : { row, problems };
}

function messageFilterOf(row: BatchCsvRow): MessageFilter {
  return {
    since: row.received_since,
    before: row.received_before,
    maxBytes: row.max_message_size,
    skipDeleted: row.skip_deleted,
  };
}

function pairKey(row: BatchCsvRow): string {
  return [row.source_host, row.source_username, row.destination_host, row.destination_username]
    .map((part) => part.toLowerCase())
    .join('\n');
}

function toInput(line: number, row: BatchCsvRow): BatchRowInput {
  return {
    line,
    source: loginOf(row, 'source'),
    destination: loginOf(row, 'destination'),
    options: {
      deleteSource: row.delete_source ?? false,
      foldersOnly: row.folders_only ?? false,
      // The dashboard shows a percentage per job, which needs the counts.
      progressUpdates: true,
      reconcileExisting: row.replace_existing ?? false,
      ...folderRulesOption({
        include: row.include_folders,
        exclude: row.exclude_folders,
        map: row.folder_map,
      }),
      ...messageFilterOption(messageFilterOf(row)),
      ...speedLimitsOption({
        bytesPerSecond: row.max_rate,
        messagesPerSecond: row.max_messages_per_second,
      }),
    },
  };
}

/** One side's columns (source_host, source_port, …) as a login. */
function loginOf(row: BatchCsvRow, side: 'source' | 'destination'): PasswordLogin {
  const security = row[`${side}_security`] ?? 'tls';
  return {
    host: row[`${side}_host`],
    port: row[`${side}_port`] ?? DEFAULT_PORT[security],
    security,
    verifyCertificate: row[`${side}_tls_insecure`] !== true,
    username: row[`${side}_username`],
    password: row[`${side}_password`],
  };
}
