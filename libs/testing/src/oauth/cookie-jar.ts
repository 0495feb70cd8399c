/**
 * A cookie jar per host, enough for driving login pages with fetch (no paths, no expiry).
 * Like a browser's, it ignores the port (RFC 6265 §8.5): two services on one host share it.
 */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  /** The Cookie header for a request to `url`, or undefined when there is nothing to send. */
  header(url: string): string | undefined {
    const cookies = this.byHost.get(new URL(url).hostname);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Sets one cookie for `url`'s host, as a page's earlier visit would have. */
  set(url: string, name: string, value: string): void {
    const host = new URL(url).hostname;
    this.byHost.set(host, (this.byHost.get(host) ?? new Map<string, string>()).set(name, value));
  }

  /** Remembers the Set-Cookie headers of a response from `url`. */
  store(url: string, response: Response): void {
    const host = new URL(url).hostname;
    const cookies = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.byHost.set(host, cookies);
  }

  /** fetch without following redirects, sending and keeping this jar's cookies. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }
}
