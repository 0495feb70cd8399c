import { BadRequestException } from '@nestjs/common';
import { IsInt } from 'class-validator';
import { createValidationPipe } from './validation';

class Body {
  @IsInt()
  count!: number;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('validates an HTTP body and refuses unknown fields', async () => {
    const metadata = { type: 'body' as const, metatype: Body };
    expect(await pipe.transform({ count: 2 }, metadata)).toEqual({ count: 2 });
    await expect(pipe.transform({ count: 'two' }, metadata)).rejects.toThrow(BadRequestException);
    await expect(pipe.transform({ count: 2, extra: 1 }, metadata)).rejects.toThrow(
      BadRequestException,
    );
  });

  it('hands a bus payload on as the transport decoded and validated it', async () => {
    // Nest passes a bus handler's @Payload() as a body; the transport made it a Body.
    const payload = Object.assign(new Body(), { count: 2 });
    expect(await pipe.transform(payload, { type: 'body', metatype: Body })).toBe(payload);
  });
});
