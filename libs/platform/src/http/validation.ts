import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((text) =>
      text.startsWith(e.property) ? `${prefix}${text}` : `${path}: ${text}`,
    );
    return [...own, ...flatten(e.children ?? [], `${path}.`)];
  });
}

/** Every HTTP body is validated; unknown fields are refused; errors list every field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({ message: 'Invalid request', details: flatten(errors) }),
  });
}
