import { computed, signal } from '@angular/core';
import type { AccountDraft, AccountSeed } from './account-draft';

export type AccountPhase = 'editing' | 'verifying' | 'authenticated' | 'error';

/**
 * One account on the start page: editing -> verifying -> authenticated | error, and back
 * to editing on any edit. Each verification gets a ticket; an answer for an older ticket
 * (the person edited a field while it ran) is dropped, so a tick always matches the fields.
 */
export class AccountState {
  private ticket = 0;
  private readonly phaseSignal = signal<AccountPhase>('editing');
  private readonly credential = signal<string | null>(null);
  private readonly reason = signal<string | null>(null);

  readonly phase = this.phaseSignal.asReadonly();
  readonly credentialId = this.credential.asReadonly();
  readonly error = this.reason.asReadonly();
  readonly authenticated = computed(() => this.phaseSignal() === 'authenticated');
  readonly verifying = computed(() => this.phaseSignal() === 'verifying');

  private readonly draftSignal = signal<AccountDraft | null>(null);
  /** The card signs in at a provider (OAuth) rather than with a password. */
  readonly signsInWithProvider = computed(
    () => (this.draftSignal()?.serverType ?? 'imap') !== 'imap',
  );

  /** The card's non-secret fields as last edited, for the page to save before leaving it. */
  get draft(): AccountDraft | null {
    return this.draftSignal();
  }

  set draft(draft: AccountDraft | null) {
    this.draftSignal.set(draft);
  }

  private seed: AccountSeed | null = null;

  /** Fields and outcome the card restores when it is created (after an OAuth round trip). */
  plant(seed: AccountSeed): void {
    this.seed = seed;
  }

  /** The planted seed, once. */
  takeSeed(): AccountSeed | null {
    const seed = this.seed;
    this.seed = null;
    return seed;
  }

  /** An outcome earned before an OAuth round trip, or by it: a credential, or why none. */
  restoreOutcome(outcome: { credentialId?: string | null; error?: string | null }): void {
    if (outcome.credentialId) this.succeed(this.begin(), outcome.credentialId);
    else if (outcome.error) this.fail(this.begin(), outcome.error);
  }

  /** Starts a verification; pass the returned ticket to succeed() or fail(). */
  begin(): number {
    this.set('verifying', null, null);
    return ++this.ticket;
  }

  succeed(ticket: number, credentialId: string): void {
    if (ticket === this.ticket) this.set('authenticated', credentialId, null);
  }

  fail(ticket: number, reason: string): void {
    if (ticket === this.ticket) this.set('error', null, reason);
  }

  /** Any field changed: the old tick (or error) no longer describes these fields. */
  edited(): void {
    if (this.phaseSignal() === 'editing') return;
    this.ticket++;
    this.set('editing', null, null);
  }

  private set(phase: AccountPhase, credentialId: string | null, reason: string | null): void {
    this.phaseSignal.set(phase);
    this.credential.set(credentialId);
    this.reason.set(reason);
  }
}
