import { CookieJar } from './cookie-jar';

/** A sign-in never needs more hops than this (auth → interaction ×2 → auth → callback). */
const MAX_HOPS = 12;

export interface OidcLoginOptions {
  /** The provider's authorization URL with its query, as the app redirected to it. */
  authorizationUrl: string;
  /** The account to sign in as (devInteractions accept any password). */
  login: string;
  /** Press "cancel" on the consent page instead: the provider answers access_denied. */
  deny?: boolean;
  /** The browser's jar; pass one to share cookies with the app that started the flow. */
  jar?: CookieJar;
}

/**
 * Drives oidc-provider's development login and consent pages with plain HTTP, as a browser
 * would, and returns the URL the provider finally redirects to (the app's callback,
 * not followed). About 90 ms.
 */
export async function driveOidcLogin(issuer: string, options: OidcLoginOptions): Promise<string> {
  const jar = options.jar ?? new CookieJar();
  const issuerOrigin = new URL(issuer).origin;
  let url = options.authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (new URL(url).origin !== issuerOrigin) return url;
    const interaction = /\/interaction\/([^/?#]+)$/.exec(new URL(url).pathname);
    const response = interaction
      ? await interact(jar, url, interaction[1], options)
      : await jar.fetch(url);
    const location = response.headers.get('location');
    if (!location) {
      throw new Error(`oidc login stopped at ${url}: HTTP ${response.status} without a redirect`);
    }
    url = new URL(location, url).toString();
  }
  throw new Error(`oidc login did not reach the callback within ${MAX_HOPS} redirects`);
}

async function interact(
  jar: CookieJar,
  url: string,
  uid: string,
  options: OidcLoginOptions,
): Promise<Response> {
  const page = await jar.fetch(url);
  const html = await page.text();
  const base = new URL(url);
  if (/name="prompt" value="login"/.test(html) || /name="login"/.test(html)) {
    return post(jar, new URL(`/interaction/${uid}`, base).toString(), {
      prompt: 'login',
      login: options.login,
      password: 'any',
    });
  }
  if (options.deny) return jar.fetch(new URL(`/interaction/${uid}/abort`, base).toString());
  return post(jar, new URL(`/interaction/${uid}`, base).toString(), { prompt: 'consent' });
}

function post(jar: CookieJar, url: string, form: Record<string, string>): Promise<Response> {
  return jar.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}
