import {
  IsNumber,
  IsOptional,
  IsPositive,
  Max,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { MAX_EVERY_HOURS } from '../core/schedule/pass-times';
import { isTimeZone, zonedDateTimeProblem } from '../core/schedule/zoned-time';
import { MigrationRequest } from '../migration-request';

@ValidatorConstraint({ name: 'timeZone' })
export class TimeZoneName implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTimeZone(value);
  }

  defaultMessage({ property }: ValidationArguments): string {
    return `${property} must be an IANA time zone such as Europe/Berlin`;
  }
}

/** A date-time in the time zone of the object it is in (`timeZone`), or with Z or an offset. */
@ValidatorConstraint({ name: 'zonedDateTime' })
export class ZonedDateTime implements ValidatorConstraintInterface {
  validate(value: unknown, { object }: ValidationArguments): boolean {
    return zonedDateTimeProblem(value, zoneOf(object)) === undefined;
  }

  defaultMessage({ property, value, object }: ValidationArguments): string {
    return `${property}: ${zonedDateTimeProblem(value, zoneOf(object))}`;
  }
}

function zoneOf(object: object): unknown {
  return (object as { timeZone?: unknown }).timeZone;
}

/**
 * POST /api/schedules: a job that starts at `startAt` and runs delta passes every
 * `everyHours` until someone asks for the final pass, or until `endsAt`. Both accounts'
 * passwords are held, encrypted, until then.
 */
export class CreateScheduleRequest extends MigrationRequest {
  /** The first pass; absent: now. Without Z or an offset, a wall-clock time in `timeZone`. */
  @IsOptional()
  @Validate(ZonedDateTime)
  startAt?: string;

  /** The user's IANA zone: startAt and endsAt are read in it, and pages show times in it. */
  @Validate(TimeZoneName)
  timeZone: string;

  /** Hours from one pass's start to the next's; at least an hour (the server's minimum). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_EVERY_HOURS)
  everyHours: number;

  /** No pass starts after it; at most MAX_SCHEDULE_DAYS after the start (the default). */
  @IsOptional()
  @Validate(ZonedDateTime)
  endsAt?: string;
}
