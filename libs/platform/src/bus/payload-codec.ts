import { InboundSubject, PAYLOAD_CLASSES } from '@btsx/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { JSONCodec } from 'nats';
import { PermanentError } from './bus-errors';

const json = JSONCodec();

export function encodePayload(payload: unknown): Uint8Array {
  return json.encode(payload);
}

export function decodeJson(data: Uint8Array): unknown {
  return json.decode(data);
}

/** Parses and validates an inbound payload against the contract class of its subject. */
export function decodePayload(subject: InboundSubject, data: Uint8Array): object {
  let plain: unknown;
  try {
    plain = json.decode(data);
  } catch {
    throw new PermanentError(`${subject}: payload is not JSON`);
  }
  const payload = plainToInstance(PAYLOAD_CLASSES[subject] as new () => object, plain);
  const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const fields = errors.map((e) => e.property).join(', ');
    throw new PermanentError(`${subject}: invalid payload (${fields})`);
  }
  return payload;
}

/**
 * Encodes an outbound payload after checking it against the same contract class its
 * consumers validate with: a producer bug fails loudly at the producer, not downstream.
 */
export function encodeValidated(subject: InboundSubject, payload: unknown): Uint8Array {
  const data = encodePayload(payload);
  decodePayload(subject, data);
  return data;
}
