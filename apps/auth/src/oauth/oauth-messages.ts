import { PassportOutcome } from './passport-runner';

/** Provider texts are shown to users: one short line. */
const MAX_PROVIDER_TEXT_CHARS = 200;

function short(value: unknown): string {
  return typeof value === 'string'
    ? value.replace(/\s+/g, ' ').slice(0, MAX_PROVIDER_TEXT_CHARS)
    : '';
}

/** The provider sent the browser back with `error` (RFC 6749 §4.1.2.1). */
export function callbackErrorMessage(providerName: string, query: Record<string, unknown>): string {
  if (query.error === 'access_denied') {
    return `Access was not granted at ${providerName}: nothing was stored. Authenticate again and allow access to continue`;
  }
  const detail = short(query.error_description) || short(query.error);
  return `${providerName} refused the sign-in: ${detail}`;
}

/** The code exchange (or reading the profile) failed. */
export function exchangeErrorMessage(
  providerName: string,
  outcome: Exclude<PassportOutcome<unknown>, { kind: 'success' }>,
): string {
  const detail =
    outcome.kind === 'error'
      ? short(errorDetail(outcome.error))
      : outcome.kind === 'fail'
        ? short(outcome.message) || 'declined'
        : 'unexpected response';
  return `${providerName} sign-in failed: could not exchange the authorization code (${detail}). Please authenticate again`;
}

/** passport-oauth2 wraps the token endpoint's answer; prefer its OAuth error code. */
function errorDetail(error: Error & { code?: unknown; oauthError?: { data?: unknown } }): string {
  const code = typeof error.code === 'string' ? error.code : '';
  return [error.message, code && !error.message.includes(code) ? `(${code})` : '']
    .filter(Boolean)
    .join(' ');
}
