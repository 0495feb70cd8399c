import { generateKeyPairSync, JsonWebKey, KeyObject, sign } from 'node:crypto';
import { IdTokenError, verifyIdToken } from './id-token';

const ISSUER = 'https://idp.example.com';
const CLIENT = 'btsx-admin';
const NOW = new Date('2026-12-01T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = (key: KeyObject, kid: string): JsonWebKey => ({
  ...key.export({ format: 'jwk' }),
  kid,
});

function jwt(header: object, claims: object, key: KeyObject, digest: string | null = 'sha256') {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signed = `${encode(header)}.${encode(claims)}`;
  const options =
    key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'ieee-p1363' as const } : key;
  return `${signed}.${sign(digest, Buffer.from(signed), options).toString('base64url')}`;
}

const claims = {
  iss: ISSUER,
  aud: CLIENT,
  sub: 'alice',
  exp: nowSeconds + 300,
  iat: nowSeconds,
  nonce: 'n-1',
  email: 'alice@example.com',
};

function check(token: string, keys = [jwk(rsa.publicKey, 'r1')], refreshKeys = async () => keys) {
  return verifyIdToken(token, {
    issuer: ISSUER,
    clientId: CLIENT,
    nonce: 'n-1',
    keys,
    refreshKeys,
    now: NOW,
  });
}

describe('verifyIdToken', () => {
  it("accepts a token signed with the issuer's RSA or EC key and returns its claims", async () => {
    await expect(
      check(jwt({ alg: 'RS256', kid: 'r1' }, claims, rsa.privateKey)),
    ).resolves.toMatchObject({
      email: 'alice@example.com',
    });
    const token = jwt({ alg: 'ES256', kid: 'e1' }, claims, ec.privateKey);
    await expect(check(token, [jwk(ec.publicKey, 'e1')])).resolves.toMatchObject({ sub: 'alice' });
  });

  it('fetches the keys again for a kid it does not know (a rotated key)', async () => {
    const refreshKeys = jest.fn(async () => [jwk(rsa.publicKey, 'r2')]);
    const token = jwt({ alg: 'RS256', kid: 'r2' }, claims, rsa.privateKey);
    await expect(check(token, [jwk(rsa.publicKey, 'r1')], refreshKeys)).resolves.toBeDefined();
    expect(refreshKeys).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example.com' }],
    ['another audience', { aud: 'other-app' }],
    ['issued to another party', { aud: [CLIENT, 'other-app'], azp: 'other-app' }],
    ['expired', { exp: nowSeconds - 120 }],
    ['another nonce', { nonce: 'n-2' }],
  ])('refuses a token from %s', async (reason, change) => {
    const token = jwt({ alg: 'RS256', kid: 'r1' }, { ...claims, ...change }, rsa.privateKey);
    await expect(check(token)).rejects.toEqual(new IdTokenError(reason));
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = jwt({ alg: 'RS256', kid: 'r1' }, claims, rsa.privateKey).split(
      '.',
    );
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'root@example.com' })).toString(
      'base64url',
    );
    await expect(check(`${header}.${forged}.${signature}`)).rejects.toEqual(
      new IdTokenError('bad signature'),
    );
  });

  it('refuses unsigned and HMAC tokens, and keys the issuer does not publish', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expect(check(unsigned)).rejects.toBeInstanceOf(IdTokenError);
    const hmac = jwt({ alg: 'HS256' }, claims, rsa.privateKey);
    await expect(check(hmac)).rejects.toEqual(new IdTokenError('algorithm HS256 not accepted'));
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt({ alg: 'RS256', kid: 'r1' }, claims, stranger.privateKey);
    await expect(check(token)).rejects.toEqual(new IdTokenError('bad signature'));
  });
});
