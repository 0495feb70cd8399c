import type { OAuthRedirectResult, OAuthSide } from '@btsx/contracts';

/**
 * Reads the fragment the auth service's OAuth callback appends to `returnTo`:
 * `#oauth=<side>:<credentialId>:<email>` or `#oauthError=<side>:<message>`, each part
 * encodeURIComponent-encoded. Null when the fragment is not an OAuth result.
 *
 * The same reading as `parseOAuthFragment` in @btsx/contracts, which the app cannot
 * import as a value: that barrel also evaluates the class-validator payload classes,
 * whose decorators need reflect-metadata in the browser. oauth-fragment.spec.ts checks
 * this copy against the contract's own writer.
 */
export function readOAuthFragment(fragment: string): OAuthRedirectResult | null {
  const text = fragment.replace(/^#/, '');
  const equals = text.indexOf('=');
  if (equals < 0) return null;
  const key = text.slice(0, equals);
  let values: string[];
  try {
    values = text
      .slice(equals + 1)
      .split(':')
      .map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  if (key === 'oauth' && values.length === 3 && isSide(values[0])) {
    const [side, credentialId, email] = values;
    if (credentialId && email) return { ok: true, side, credentialId, email };
  }
  if (key === 'oauthError' && values.length === 2 && (values[0] === '' || isSide(values[0]))) {
    return { ok: false, side: values[0] as OAuthSide | '', message: values[1] };
  }
  return null;
}

function isSide(value: string): value is OAuthSide {
  return value === 'source' || value === 'destination';
}
