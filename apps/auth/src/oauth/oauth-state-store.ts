import { OAuthProviderId, OAuthSide } from '@btsx/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** 256 bits: a state cannot be guessed (RFC 6749 §10.10 asks for at least 128). */
const STATE_BYTES = 32;

/** One sign-in the browser started and has not finished. */
export interface PendingFlow {
  provider: OAuthProviderId;
  side: OAuthSide;
  /** Same-origin path the browser returns to. */
  returnTo: string;
  /** The digest of the browser's client session: only that browser may finish the flow. */
  binding: string;
  /** RFC 7636 code verifier, when the provider uses PKCE. */
  verifier?: string;
}

export type ConsumeResult =
  | { ok: true; flow: PendingFlow }
  | { ok: false; reason: 'unknown' | 'reused' | 'other_browser'; flow?: PendingFlow };

/** A stored sign-in as `consume` finds it. */
export interface StoredFlow {
  flow: PendingFlow;
  used: boolean;
}

/** Whether `binding`'s browser may finish this sign-in (the state is then used up). */
export function verdict(stored: StoredFlow | undefined, binding: string | undefined) {
  if (!stored) return { ok: false, reason: 'unknown' } as const;
  // A mismatch leaves the state alone: it belongs to another browser (login CSRF).
  if (!binding || stored.flow.binding !== binding) {
    return { ok: false, reason: 'other_browser', flow: stored.flow } as const;
  }
  if (stored.used) return { ok: false, reason: 'reused', flow: stored.flow } as const;
  return { ok: true, flow: stored.flow } as const;
}

/**
 * States of pending sign-ins: random, single-use, bound to the browser session and
 * short-lived. Kept in auth's schema, so any replica finishes a sign-in any other started,
 * and a restart abandons none. Only a hash of the state is stored. A used state stays as a
 * tombstone (without its PKCE verifier) until it expires, so a replay is told apart from a
 * forgery. Expiry follows the database's clock, the one clock all replicas share.
 */
export class OAuthStateStore {
  constructor(
    private readonly db: DataSource,
    private readonly ttlSeconds: number,
  ) {}

  async create(flow: PendingFlow): Promise<string> {
    await this.db.query(`DELETE FROM auth.oauth_sign_in WHERE expires_at <= now()`);
    const state = randomBytes(STATE_BYTES).toString('base64url');
    await this.db.query(
      `INSERT INTO auth.oauth_sign_in (state_hash, flow, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [hashOf(state), flow, this.ttlSeconds],
    );
    return state;
  }

  /** Takes the state for `binding`'s browser; it can never be taken again. */
  async consume(state: string | undefined, binding: string | undefined): Promise<ConsumeResult> {
    if (!state) return { ok: false, reason: 'unknown' };
    const key = hashOf(state);
    const rows: StoredFlow[] = await this.db.query(
      `SELECT flow, used FROM auth.oauth_sign_in WHERE state_hash = $1 AND expires_at > now()`,
      [key],
    );
    const result = verdict(rows[0], binding);
    if (!result.ok) return result;
    const [, taken] = (await this.db.query(
      `UPDATE auth.oauth_sign_in SET used = true, flow = flow - 'verifier'
       WHERE state_hash = $1 AND NOT used AND expires_at > now()`,
      [key],
    )) as [unknown, number];
    // Another callback with the same state (a double click) took it first.
    return taken === 1 ? result : { ok: false, reason: 'reused', flow: result.flow };
  }
}

function hashOf(state: string): Buffer {
  return createHash('sha256').update(state).digest();
}

export const STATE_ERROR_MESSAGES: Record<Exclude<ConsumeResult, { ok: true }>['reason'], string> =
  {
    unknown: 'The sign-in expired or was not started here: please authenticate again',
    reused: 'This sign-in was already completed: please authenticate again',
    other_browser: 'The sign-in was started in another browser session: please authenticate again',
  };
