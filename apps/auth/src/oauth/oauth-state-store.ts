import { OAuthProviderId, OAuthSide } from '@btsx/contracts';
import { randomBytes } from 'node:crypto';

/** 256 bits: a state cannot be guessed (RFC 6749 §10.10 asks for at least 128). */
const STATE_BYTES = 32;

/** One sign-in the browser started and has not finished. */
export interface PendingFlow {
  provider: OAuthProviderId;
  side: OAuthSide;
  /** Same-origin path the browser returns to. */
  returnTo: string;
  /** The browser session's cookie value: only that browser may finish the flow. */
  binding: string;
  /** RFC 7636 code verifier, when the provider uses PKCE. */
  verifier?: string;
}

export type ConsumeResult =
  | { ok: true; flow: PendingFlow }
  | { ok: false; reason: 'unknown' | 'reused' | 'other_browser'; flow?: PendingFlow };

interface Entry {
  flow: PendingFlow;
  expiresAt: number;
  used: boolean;
}

/**
 * States of pending sign-ins: random, single-use, bound to the browser session and
 * short-lived. A used state stays as a tombstone until it expires, so a replay is told
 * apart from a forgery. In memory: a restart of auth abandons sign-ins in progress,
 * which the user just starts again (several auth replicas need sticky sessions or a
 * shared store).
 */
export class OAuthStateStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(flow: PendingFlow): string {
    this.sweep();
    const state = randomBytes(STATE_BYTES).toString('base64url');
    this.entries.set(state, { flow, expiresAt: this.now() + this.ttlMs, used: false });
    return state;
  }

  /** Takes the state for `binding`'s browser; it can never be taken again. */
  consume(state: string | undefined, binding: string | undefined): ConsumeResult {
    this.sweep();
    const entry = state ? this.entries.get(state) : undefined;
    if (!entry) return { ok: false, reason: 'unknown' };
    // A mismatch leaves the state alone: it belongs to another browser (login CSRF).
    if (!binding || entry.flow.binding !== binding) {
      return { ok: false, reason: 'other_browser', flow: entry.flow };
    }
    if (entry.used) return { ok: false, reason: 'reused', flow: entry.flow };
    entry.used = true;
    return { ok: true, flow: entry.flow };
  }

  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [state, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(state);
    }
  }
}

export const STATE_ERROR_MESSAGES: Record<Exclude<ConsumeResult, { ok: true }>['reason'], string> =
  {
    unknown: 'The sign-in expired or was not started here: please authenticate again',
    reused: 'This sign-in was already completed: please authenticate again',
    other_browser: 'The sign-in was started in another browser session: please authenticate again',
  };
