import {
  type FolderMapRule,
  IMAP_SECURITY,
  ImapSecurity,
  IsFolderMapRules,
  IsFolderPatterns,
  notADate,
  parseFolderMapRule,
  MAX_BYTES_PER_SECOND,
  MAX_MESSAGES_PER_SECOND,
  parseByteRate,
  parseMessageRate,
  parseMessageSize,
} from '@btsx/contracts';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';

const TRUE = /^(true|yes|1)$/i;
const FALSE = /^(false|no|0)$/i;

/** Spaces around a host or a username are a spreadsheet's, not the account's. */
const Trimmed = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** An empty optional cell means "the default". */
const OptionalCell = () =>
  Transform(({ value }: { value: unknown }) => {
    const text = typeof value === 'string' ? value.trim() : value;
    return text === '' ? undefined : text;
  });

/** A port cell: a number, or left for class-validator to refuse. */
const PortCell = () =>
  Transform(({ value }: { value: unknown }) => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '' || text === undefined) return undefined;
    return /^\d+$/.test(String(text)) ? Number(text) : text;
  });

/** true/false, yes/no, 1/0 in any case; anything else is left for class-validator to refuse. */
const BooleanCell = () =>
  Transform(({ value }: { value: unknown }) => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '' || text === undefined) return undefined;
    if (TRUE.test(String(text))) return true;
    if (FALSE.test(String(text))) return false;
    return text;
  });

/** Folder patterns separated by ";" (a spreadsheet cell holds one line); empty: none. */
export const PATTERN_SEPARATOR = ';';
const PatternsCell = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const patterns = entriesOf(value);
    return patterns.length > 0 ? patterns : undefined;
  });

/** Folder rules (`FROM => TO`) separated by ";"; one without an arrow stays text, refused. */
const RulesCell = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const rules = entriesOf(value).map((text) => parseFolderMapRule(text) ?? text);
    return rules.length > 0 ? rules : undefined;
  });

/** A size cell ("25MB", "500KB", or bytes) as bytes; anything else is left to refuse. */
const SizeCell = () =>
  Transform(({ value }: { value: unknown }) => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '' || text === undefined) return undefined;
    return parseMessageSize(String(text)) ?? text;
  });

/** A rate cell, "5MB/s" or a count a second, parsed as `parse` reads it; else left to refuse. */
const RateCell = (parse: (text: string) => number | undefined) =>
  Transform(({ value }: { value: unknown }) => {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === '' || text === undefined) return undefined;
    return parse(String(text)) ?? text;
  });

/** A message filter's date: 2024-01-31 (midnight UTC), or a time with its offset. */
const IsFilterDate = () =>
  ValidateBy({
    name: 'isFilterDate',
    validator: {
      validate: (value) => notADate(value) === undefined,
      defaultMessage: (args) => `${args?.property}: ${notADate(args?.value)}`,
    },
  });

function entriesOf(cell: string): string[] {
  return cell
    .split(PATTERN_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
}

const required = IsNotEmpty({ message: '$property is required' });
const PASSWORD = [required, IsString(), MaxLength(1024)];
const HOST = [required, IsString(), MaxLength(253)];
const USERNAME = [required, IsString(), MaxLength(320)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };
const booleanMessage = { message: '$property must be true or false' };
const portMessages = [
  IsInt({ message: '$property must be a port number' }),
  Min(1, { message: '$property must be a port number' }),
  Max(65535, { message: '$property must be a port number' }),
];
const securityMessage = { message: `$property must be one of ${IMAP_SECURITY.join(', ')}` };

/** One row of a batch CSV as the admin wrote it; column names are the property names. */
export class BatchCsvRow {
  @Trimmed()
  @apply(HOST)
  source_host: string;

  @IsOptional()
  @PortCell()
  @apply(portMessages)
  source_port?: number;

  @IsOptional()
  @OptionalCell()
  @IsIn(IMAP_SECURITY, securityMessage)
  source_security?: ImapSecurity;

  @Trimmed()
  @apply(USERNAME)
  source_username: string;

  /** Not trimmed: a password may begin or end with a space. */
  @apply(PASSWORD)
  source_password: string;

  @Trimmed()
  @apply(HOST)
  destination_host: string;

  @IsOptional()
  @PortCell()
  @apply(portMessages)
  destination_port?: number;

  @IsOptional()
  @OptionalCell()
  @IsIn(IMAP_SECURITY, securityMessage)
  destination_security?: ImapSecurity;

  @Trimmed()
  @apply(USERNAME)
  destination_username: string;

  @apply(PASSWORD)
  destination_password: string;

  @IsOptional()
  @BooleanCell()
  @IsBoolean(booleanMessage)
  source_tls_insecure?: boolean;

  @IsOptional()
  @BooleanCell()
  @IsBoolean(booleanMessage)
  destination_tls_insecure?: boolean;

  @IsOptional()
  @BooleanCell()
  @IsBoolean(booleanMessage)
  delete_source?: boolean;

  @IsOptional()
  @BooleanCell()
  @IsBoolean(booleanMessage)
  folders_only?: boolean;

  /** Named after the start page's label, Replace Existing: JobOptions.reconcileExisting. */
  @IsOptional()
  @BooleanCell()
  @IsBoolean(booleanMessage)
  replace_existing?: boolean;

  /** JobOptions.folders.include: copy only the folders one of these matches. */
  @IsOptional()
  @PatternsCell()
  @IsFolderPatterns()
  include_folders?: string[];

  /** JobOptions.folders.exclude: leave out the folders one of these matches. */
  @IsOptional()
  @PatternsCell()
  @IsFolderPatterns()
  exclude_folders?: string[];

  /** JobOptions.folders.map: where the folders the rules match go. */
  @IsOptional()
  @RulesCell()
  @IsFolderMapRules()
  folder_map?: FolderMapRule[];

  /** JobOptions.messages.since: copy only messages received on or after this date. */
  @IsOptional()
  @OptionalCell()
  @IsFilterDate()
  received_since?: string;

  /** JobOptions.messages.before: copy only messages received before this date. */
  @IsOptional()
  @OptionalCell()
  @IsFilterDate()
  received_before?: string;

  /** JobOptions.messages.maxBytes: leave out larger messages. */
  @IsOptional()
  @SizeCell()
  @IsInt({ message: '$property must be a size (25MB, 500KB)' })
  max_message_size?: number;

  /** JobOptions.messages.skipDeleted: leave out messages flagged \Deleted. */
  @IsOptional()
  @BooleanCell()
  @IsBoolean(booleanMessage)
  skip_deleted?: boolean;

  /** JobOptions.limits.bytesPerSecond: copy at most this much mail a second. */
  @IsOptional()
  @RateCell(parseByteRate)
  @Max(MAX_BYTES_PER_SECOND, { message: '$property must be at most 10GB/s' })
  // Checked first (the closest decorator runs first): a cell that is no rate says so.
  @IsInt({ message: '$property must be a rate (5MB/s, 500KB/s)' })
  max_rate?: number;

  /** JobOptions.limits.messagesPerSecond: copy at most this many messages a second. */
  @IsOptional()
  @RateCell(parseMessageRate)
  @Max(MAX_MESSAGES_PER_SECOND, { message: `$property must be at most ${MAX_MESSAGES_PER_SECOND}` })
  @IsInt({ message: '$property must be a whole number above 0' })
  max_messages_per_second?: number;
}

export const REQUIRED_COLUMNS = [
  'source_host',
  'source_username',
  'source_password',
  'destination_host',
  'destination_username',
  'destination_password',
] as const;

export const OPTIONAL_COLUMNS = [
  'source_port',
  'source_security',
  'destination_port',
  'destination_security',
  'source_tls_insecure',
  'destination_tls_insecure',
  'delete_source',
  'folders_only',
  'replace_existing',
  'include_folders',
  'exclude_folders',
  'folder_map',
  'received_since',
  'received_before',
  'max_message_size',
  'skip_deleted',
  'max_rate',
  'max_messages_per_second',
] as const;
