import {
  constants,
  createPublicKey,
  JsonWebKey,
  verify,
  VerifyKeyObjectInput,
  KeyObject,
} from 'node:crypto';

/** Clocks of two servers disagree by a little: a token is not refused for seconds. */
const CLOCK_SKEW_SECONDS = 60;

/** The ID token is not one to trust; `reason` is for the log, never for the page. */
export class IdTokenError extends Error {
  constructor(readonly reason: string) {
    super(`ID token refused: ${reason}`);
  }
}

export type IdTokenClaims = Record<string, unknown> & { sub: string };

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** The provider's keys (JWKS `keys`); `refreshKeys` fetches them again for an unknown kid. */
  keys: JsonWebKey[];
  refreshKeys: () => Promise<JsonWebKey[]>;
  now?: Date;
}

/** How each asymmetric JWS algorithm (RFC 7518 §3.1, RFC 8037) is checked by node:crypto. */
const ALGORITHMS: Record<string, { kty: string; digest: string | null; options: object }> = {
  RS256: { kty: 'RSA', digest: 'sha256', options: {} },
  RS384: { kty: 'RSA', digest: 'sha384', options: {} },
  RS512: { kty: 'RSA', digest: 'sha512', options: {} },
  PS256: { kty: 'RSA', digest: 'sha256', options: pss() },
  PS384: { kty: 'RSA', digest: 'sha384', options: pss() },
  PS512: { kty: 'RSA', digest: 'sha512', options: pss() },
  ES256: { kty: 'EC', digest: 'sha256', options: { dsaEncoding: 'ieee-p1363' } },
  ES384: { kty: 'EC', digest: 'sha384', options: { dsaEncoding: 'ieee-p1363' } },
  ES512: { kty: 'EC', digest: 'sha512', options: { dsaEncoding: 'ieee-p1363' } },
  EdDSA: { kty: 'OKP', digest: null, options: {} },
};

function pss() {
  return {
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  };
}

/**
 * Checks an ID token as OpenID Connect Core §3.1.3.7 asks: signed by one of the issuer's
 * keys with an asymmetric algorithm (never `none`, and no HMAC: the client secret is not
 * a key we let the provider sign with), from the issuer, for this client, not expired,
 * carrying the nonce of this sign-in. Returns its claims.
 */
export async function verifyIdToken(
  token: string,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  const [headerPart, payloadPart, signaturePart, ...rest] = token.split('.');
  if (!signaturePart || rest.length > 0) throw new IdTokenError('not a signed JWT');
  const header = decodePart(headerPart);
  const algorithm = typeof header.alg === 'string' ? ALGORITHMS[header.alg] : undefined;
  if (!algorithm) throw new IdTokenError(`algorithm ${String(header.alg)} not accepted`);
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const key =
    pickKey(expected.keys, algorithm.kty, kid) ??
    pickKey(await expected.refreshKeys(), algorithm.kty, kid);
  if (!key) throw new IdTokenError('signed with a key the issuer does not publish');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const input: VerifyKeyObjectInput = { key, ...algorithm.options };
  if (!verify(algorithm.digest, signed, input, Buffer.from(signaturePart, 'base64url'))) {
    throw new IdTokenError('bad signature');
  }
  const claims = decodePart(payloadPart);
  checkClaims(claims, expected);
  return claims as IdTokenClaims;
}

function checkClaims(claims: Record<string, unknown>, expected: IdTokenExpectations): void {
  const now = Math.floor((expected.now ?? new Date()).getTime() / 1000);
  if (claims.iss !== expected.issuer) throw new IdTokenError('another issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.clientId)) throw new IdTokenError('another audience');
  // §3.1.3.7 (4, 5): with several audiences, the token must have been issued to us.
  if (audiences.length > 1 && claims.azp !== expected.clientId) {
    throw new IdTokenError('issued to another party');
  }
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < now) {
    throw new IdTokenError('expired');
  }
  if (typeof claims.iat === 'number' && claims.iat - CLOCK_SKEW_SECONDS > now) {
    throw new IdTokenError('issued in the future');
  }
  if (claims.nonce !== expected.nonce) throw new IdTokenError('another nonce');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdTokenError('no subject');
}

function pickKey(keys: JsonWebKey[], kty: string, kid: string | undefined): KeyObject | undefined {
  const candidates = keys.filter(
    (k) => k.kty === kty && (k.use === undefined || k.use === 'sig') && (!kid || k.kid === kid),
  );
  // Without a kid, only an unambiguous key will do.
  if (candidates.length === 0 || (!kid && candidates.length > 1)) return undefined;
  try {
    return createPublicKey({ key: candidates[0], format: 'jwk' });
  } catch {
    throw new IdTokenError('the issuer published a key that is not one');
  }
}

function decodePart(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Falls through.
  }
  throw new IdTokenError('not a JWT');
}
