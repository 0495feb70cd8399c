import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((text) =>
      text.startsWith(e.property) ? `${prefix}${text}` : `${path}: ${text}`,
    );
    return [...own, ...flatten(e.children ?? [], `${path}.`)];
  });
}

/**
 * The pipe reaches bus handlers too (the transport inherits the app's pipes, and Nest passes
 * a payload as a 'body'), whose payloads the transport has already turned into their
 * contract class and validated (payload-codec): validating them again cost as much once
 * more, a second or more of the orchestrator's CPU for a thousand-folder job. A value
 * that is already an instance of its class never came from a client: JSON bodies, queries
 * and route parameters arrive as plain objects and strings.
 */
class HttpValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if (typeof metatype === 'function' && value instanceof metatype) return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}

/** Every HTTP body is validated; unknown fields are refused; errors list every field. */
export function createValidationPipe(): ValidationPipe {
  return new HttpValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Invalid request', details: flatten(errors) }),
  });
}
