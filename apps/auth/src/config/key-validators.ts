import { ValidateBy, ValidationOptions } from 'class-validator';
import { decodeKey, isKeyId, parsePreviousKeys } from './encryption-keys';

// Messages name the variable and the expected shape, never the value: these are secrets.

export function IsEncryptionKey(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEncryptionKey',
      validator: {
        validate: (value) => typeof value === 'string' && decodeKey(value) !== null,
        defaultMessage: (args) =>
          `${args?.property} must be set to the base64 of exactly 32 random bytes (openssl rand -base64 32)`,
      },
    },
    options,
  );
}

export function IsKeyId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKeyId',
      validator: {
        validate: (value) => typeof value === 'string' && isKeyId(value),
        defaultMessage: (args) => `${args?.property} must be 1-32 letters, digits, '_', '.' or '-'`,
      },
    },
    options,
  );
}

export function IsPreviousKeyList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPreviousKeyList',
      validator: {
        validate: (value) => typeof value === 'string' && parsePreviousKeys(value) !== null,
        defaultMessage: (args) =>
          `${args?.property} must be a comma list of id:base64key (distinct ids, 32-byte keys)`,
      },
    },
    options,
  );
}
