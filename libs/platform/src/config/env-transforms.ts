import { Transform } from 'class-transformer';

/** 'true'/'1'/'yes' → true; anything else (or unset) → the default. */
export function EnvBoolean(defaultValue: boolean): PropertyDecorator {
  return Transform(({ value }) =>
    value === undefined || value === '' ? defaultValue : /^(true|1|yes)$/i.test(String(value)),
  );
}

/** A whole number from the environment, or the default when unset. */
export function EnvInt(defaultValue: number): PropertyDecorator {
  return Transform(({ value }) =>
    value === undefined || value === '' ? defaultValue : Number(value),
  );
}
