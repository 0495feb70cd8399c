import { OidcProviderError, oidcJson } from './oidc-http';

describe('oidcJson', () => {
  it('refuses plain http unless private hosts are allowed', async () => {
    await expect(
      oidcJson('http://idp.example.com/.well-known/openid-configuration', false),
    ).rejects.toEqual(
      new OidcProviderError("The identity provider's URLs must be https:// (idp.example.com)"),
    );
  });

  it('refuses a provider on a private or local address unless private hosts are allowed', async () => {
    await expect(oidcJson('https://127.0.0.1:1/token', false)).rejects.toEqual(
      new OidcProviderError(
        "The identity provider's host 127.0.0.1 is on a private or local network",
      ),
    );
  });
});
