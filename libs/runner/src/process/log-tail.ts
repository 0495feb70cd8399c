import { readFile } from 'node:fs/promises';

/** Lines of a server log worth showing when it fails to start. */
const LOG_TAIL_LINES = 20;

export async function logTail(path: string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').slice(-LOG_TAIL_LINES).join('\n');
}
