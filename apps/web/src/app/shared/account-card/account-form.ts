import { FormControl, FormGroup, Validators } from '@angular/forms';
import type { VerifyImapRequest } from '@btsx/contracts';
import { type AccountSide, DEFAULT_PORT, type ImapSecurity } from '@btsx/contracts/core';

export type ServerType = 'imap' | 'gmail' | 'microsoft';

/** A hostname (RFC 1123 labels) or an IPv4 address; IPv6 literals too, loosely. */
const HOST_PATTERN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$|^\[?[0-9a-fA-F:]+\]?$/;

export type AccountForm = ReturnType<typeof createAccountForm>;

export function createAccountForm() {
  return new FormGroup({
    serverType: new FormControl<ServerType>('imap', { nonNullable: true }),
    host: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.maxLength(253),
        Validators.pattern(HOST_PATTERN),
      ],
    }),
    security: new FormControl<ImapSecurity>('tls', { nonNullable: true }),
    port: new FormControl<number | null>(DEFAULT_PORT.tls, {
      validators: [
        Validators.required,
        Validators.min(1),
        Validators.max(65535),
        Validators.pattern(/^\d+$/),
      ],
    }),
    tlsInsecure: new FormControl(false, { nonNullable: true }),
    username: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(320)],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(1024)],
    }),
  });
}

/** The verify request for the form's current values (valid form assumed), for one side. */
export function toVerifyRequest(form: AccountForm, side: AccountSide): VerifyImapRequest {
  const value = form.getRawValue();
  const request: VerifyImapRequest = {
    side,
    host: value.host.trim(),
    port: Number(value.port),
    security: value.security,
    username: value.username.trim(),
    password: value.password,
  };
  if (value.security !== 'none' && value.tlsInsecure) request.tlsInsecure = true;
  return request;
}
