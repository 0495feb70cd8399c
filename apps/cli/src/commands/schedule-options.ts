import type { BatchScheduleFields, CredentialPair, JobOptions } from '@btsx/contracts';
import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { EXIT_OK } from '../exit-code';
import { everyHoursOf } from '../schedule-interval';

export interface ScheduleChoices {
  every?: string;
  startAt?: string;
  timeZone: string;
  endsAt?: string;
  mirrorDeletions: boolean;
}

export const SCHEDULE_HELP = `With --every, the job becomes a schedule: its first pass starts at --start-at (or now),
then a delta pass runs every interval until "btsx schedule final ID"; both passwords are
held, encrypted, until the final pass or the end date (90 days at most), then discarded.`;

/** `--every`, `--start-at`, `--time-zone`, `--ends-at`, `--mirror-deletions`. */
export function withScheduleOptions(command: Command): Command {
  return command
    .option('--every <interval>', 'repeat delta passes this often (6h, 90m) until the final pass')
    .option('--start-at <date-time>', 'first pass at this time (2026-12-05T20:00), in --time-zone')
    .option(
      '--time-zone <zone>',
      'IANA time zone of --start-at and --ends-at',
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    )
    .option(
      '--ends-at <date-time>',
      'no pass starts after this; the passwords go then at the latest',
    )
    .option(
      '--mirror-deletions',
      'a delta pass deletes at the destination the copies of messages removed at the source',
      false,
    );
}

/** The schedule's fields of a batch import (`btsx batch import --every ...`); none without --every. */
export function batchScheduleFieldsOf(choices: ScheduleChoices): BatchScheduleFields {
  if (choices.every === undefined) {
    return {
      ...(choices.startAt && { startAt: choices.startAt }),
      ...(choices.endsAt && { endsAt: choices.endsAt }),
    };
  }
  return {
    everyHours: everyHoursOf(choices.every),
    timeZone: choices.timeZone,
    ...(choices.startAt && { startAt: choices.startAt }),
    ...(choices.endsAt && { endsAt: choices.endsAt }),
    mirrorDeletions: choices.mirrorDeletions,
  };
}

/** Creates the schedule of these tokens and options; prints its id and page, follows nothing. */
export async function createSchedule(
  api: ApiClient,
  tokens: CredentialPair,
  options: JobOptions,
  choices: ScheduleChoices & { every: string },
  out: CommandOutput,
): Promise<number> {
  const { id } = await api.createSchedule({
    ...tokens,
    options: { ...options, mirrorDeletions: choices.mirrorDeletions },
    everyHours: everyHoursOf(choices.every),
    timeZone: choices.timeZone,
    ...(choices.startAt && { startAt: choices.startAt }),
    ...(choices.endsAt && { endsAt: choices.endsAt }),
  });
  const words = `Schedule ${id} created.\nSchedule page: ${api.schedulePageUrl(id)}\nFinal pass:    btsx schedule final ${id}\n`;
  out.result(words, { id });
  return EXIT_OK;
}
