import type { RawResponse } from './response-reader';

/** `[CODE args]` of a status response (RFC 3501 section 7.1), CODE upper-cased. */
export interface ResponseCode {
  name: string;
  args: string;
}

export type ServerResponse =
  | { kind: 'continuation'; text: string }
  | { kind: 'untagged'; text: string; literals: Buffer[] }
  | {
      kind: 'tagged';
      tag: string;
      status: 'OK' | 'NO' | 'BAD';
      code?: ResponseCode;
      text: string;
    };

const TAGGED = /^(\S+) (OK|NO|BAD)\b ?(.*)$/i;
const CODE = /^\[([^\]\s]+)(?: ([^\]]*))?\] ?(.*)$/;

/** Classifies one response; a tagged line that is not OK/NO/BAD is reported as untagged-like. */
export function parseResponse(raw: RawResponse): ServerResponse {
  const { text, literals } = raw;
  if (text === '+' || text.startsWith('+ ')) return { kind: 'continuation', text: text.slice(2) };
  if (text.startsWith('* ')) return { kind: 'untagged', text: text.slice(2), literals };
  const tagged = text.match(TAGGED);
  if (!tagged) throw new Error(`The server sent an unexpected line: ${text.slice(0, 200)}`);
  const [, tag, status, rest] = tagged;
  const { code, text: human } = parseStatusText(rest);
  return {
    kind: 'tagged',
    tag,
    status: status.toUpperCase() as 'OK' | 'NO' | 'BAD',
    code,
    text: human,
  };
}

/** Splits `[CODE args] human text`, the tail of any status response. */
export function parseStatusText(rest: string): { code?: ResponseCode; text: string } {
  const match = rest.match(CODE);
  if (!match) return { text: rest };
  return { code: { name: match[1].toUpperCase(), args: match[2] ?? '' }, text: match[3] };
}

/** The UID of `[APPENDUID uidvalidity uid]` (RFC 4315); undefined for a set or no code. */
export function appendUid(code: ResponseCode | undefined): number | undefined {
  if (code?.name !== 'APPENDUID') return undefined;
  const uid = code.args.trim().split(/\s+/)[1];
  return uid && /^\d+$/.test(uid) ? Number(uid) : undefined;
}

/**
 * Capability names from `* CAPABILITY a b` or a `[CAPABILITY a b]` code in an untagged or
 * tagged status; undefined when the response carries none.
 */
export function readCapabilities(untaggedText: string): Set<string> | undefined {
  const direct = untaggedText.match(/^CAPABILITY (.*)$/i);
  const coded = untaggedText.match(/^(?:OK|PREAUTH|BYE) \[CAPABILITY ([^\]]*)\]/i);
  const list = direct?.[1] ?? coded?.[1];
  return list === undefined ? undefined : capabilitySet(list);
}

/** The largest message the server takes (APPENDLIMIT=n, RFC 7889), if it names one. */
export function appendLimitOf(capabilities: ReadonlySet<string>): number | undefined {
  for (const capability of capabilities) {
    const limit = /^APPENDLIMIT=(\d+)$/.exec(capability);
    if (limit && Number(limit[1]) > 0) return Number(limit[1]);
  }
  return undefined;
}

export function capabilitySet(list: string): Set<string> {
  return new Set(
    list
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase()),
  );
}
