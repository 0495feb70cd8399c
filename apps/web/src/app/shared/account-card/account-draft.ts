import { DEFAULT_PORT, type ImapSecurity } from '@btsx/contracts/core';
import { AccountForm, ServerType } from './account-form';

/**
 * The fields of a card that may outlive the page (an OAuth round trip leaves it): never
 * the password.
 */
export interface AccountDraft {
  serverType: ServerType;
  host: string;
  port: number | null;
  security: ImapSecurity;
  tlsInsecure: boolean;
  username: string;
}

/** What a card shows when it is created again: its fields and the outcome it had. */
export interface AccountSeed {
  draft: AccountDraft;
  credentialId?: string | null;
  error?: string | null;
}

export const EMPTY_DRAFT: AccountDraft = {
  serverType: 'imap',
  host: '',
  port: DEFAULT_PORT.tls,
  security: 'tls',
  tlsInsecure: false,
  username: '',
};

export function draftOf(form: AccountForm): AccountDraft {
  const v = form.getRawValue();
  return {
    serverType: v.serverType,
    host: v.host,
    port: v.port,
    security: v.security,
    tlsInsecure: v.tlsInsecure,
    username: v.username,
  };
}

/** Puts a draft back; security goes before port, whose change would reset the port. */
export function applyDraft(form: AccountForm, draft: AccountDraft): void {
  form.patchValue({
    serverType: draft.serverType,
    host: draft.host,
    security: draft.security,
    port: draft.port,
    tlsInsecure: draft.tlsInsecure,
    username: draft.username,
  });
  // A port other than the usual one was chosen by the person: keep it on a security change.
  if (draft.port !== DEFAULT_PORT[draft.security]) form.controls.port.markAsDirty();
}
