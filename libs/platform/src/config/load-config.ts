import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown with one line per bad variable; names only, never values (they may be secrets). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((text) =>
      text.startsWith(e.property) ? text : `${e.property}: ${text}`,
    ),
  );
}

/** Reads and validates the environment once, into a typed config object. */
export function loadConfig<T extends object>(
  schema: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const config = plainToInstance(
    schema,
    { ...env },
    {
      excludeExtraneousValues: true,
      exposeUnsetFields: false,
    },
  );
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return config;
}
