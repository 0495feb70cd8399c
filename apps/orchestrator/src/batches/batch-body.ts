import { AppError } from '@btsx/platform';
import type { Request } from 'express';

/** 10,000 rows of about 250 bytes, with room to spare. */
export const MAX_CSV_BYTES = 8 * 1024 * 1024;
const CSV_TYPES = /^(text\/csv|text\/plain|application\/octet-stream)\b/i;

/**
 * The CSV body as text. Only JSON bodies are parsed for every route (64 KB), so the upload
 * reads its own stream, with its own limit.
 */
export async function readCsvBody(request: Request): Promise<string> {
  if (!CSV_TYPES.test(request.headers['content-type'] ?? '')) {
    throw new AppError(415, 'Send the CSV as text/csv');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CSV_BYTES)
      throw new AppError(413, `The CSV is larger than ${MAX_CSV_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
