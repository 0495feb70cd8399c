/**
 * Server-Sent Events framing (HTML Living Standard, "Server-sent events", 9.2.5): fields
 * are `name: value` lines, an empty line ends an event, a line starting with `:` is a
 * comment. A value must not contain a line break, so multi-line data becomes several
 * `data:` lines, which the browser joins with "\n".
 */
export interface SseEvent {
  event: string;
  /** Becomes the browser's Last-Event-ID, sent back when it reconnects. */
  id?: number | string;
  data: unknown;
}

export function formatSseEvent({ event, id, data }: SseEvent): string {
  const fields = [`event: ${singleLine(event)}`];
  if (id !== undefined) fields.push(`id: ${singleLine(String(id))}`);
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  for (const line of text.split(/\r\n|\r|\n/)) fields.push(`data: ${line}`);
  return `${fields.join('\n')}\n\n`;
}

/** Keeps proxies from closing an idle stream; browsers ignore comments. */
export function formatSseComment(text: string): string {
  return `: ${singleLine(text)}\n\n`;
}

/** The id the client already has (header Last-Event-ID), or 0 for a first connection. */
export function parseLastEventId(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
