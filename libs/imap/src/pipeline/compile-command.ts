/** How the server lets us send literals (RFC 7888). */
export type LiteralMode = 'literal-plus' | 'literal-minus' | 'synchronizing';

/** LITERAL- allows non-synchronizing literals up to this size only (RFC 7888 section 5). */
export const LITERAL_MINUS_MAX_BYTES = 4096;

/** Literal bytes read as they are sent (a spooled message), never whole in memory. */
export interface StreamedLiteral {
  readonly length: number;
  pieces(): AsyncIterable<Buffer>;
}

export type LiteralBytes = Buffer | StreamedLiteral;

/** A command argument: wire text as is, or bytes to send as a literal. */
export type CommandPart = string | { literal: LiteralBytes };

/**
 * A command ready for the wire, without its tag: `segments[0]` goes out at once; each later
 * segment only after a `+` continuation (it follows a synchronizing literal marker).
 */
export interface CompiledCommand {
  segments: LiteralBytes[][];
  bytes: number;
}

const CRLF = Buffer.from('\r\n');

/** Joins parts with the literal markers the server's capabilities allow, ending in CRLF. */
export function compileCommand(parts: readonly CommandPart[], mode: LiteralMode): CompiledCommand {
  const segments: LiteralBytes[][] = [[]];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const size = part.literal.length;
    const nonSync =
      mode === 'literal-plus' || (mode === 'literal-minus' && size <= LITERAL_MINUS_MAX_BYTES);
    segments[segments.length - 1].push(Buffer.from(`${text}{${size}${nonSync ? '+' : ''}}\r\n`));
    text = '';
    if (!nonSync) segments.push([]);
    segments[segments.length - 1].push(part.literal);
  }
  segments[segments.length - 1].push(Buffer.from(text), CRLF);
  const bytes = segments.flat().reduce((n, chunk) => n + chunk.length, 0);
  return { segments, bytes };
}

/** The literal mode a capability set allows. */
export function literalModeOf(capabilities: ReadonlySet<string>): LiteralMode {
  if (capabilities.has('LITERAL+')) return 'literal-plus';
  if (capabilities.has('LITERAL-')) return 'literal-minus';
  return 'synchronizing';
}
