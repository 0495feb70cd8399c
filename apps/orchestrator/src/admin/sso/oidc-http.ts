import { ImapError, resolveAllowedHost } from '@btsx/imap';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostOf } from '../../notifications/webhook-url';

/** A provider slower than this is taken as down: the admin is waiting on the redirect. */
const OIDC_TIMEOUT_MS = 10_000;
/** Discovery documents, key sets and token replies are a few kilobytes. */
const MAX_BODY_BYTES = 256 * 1024;

/** The provider could not be reached or answered nonsense: sign-in fails, nothing else. */
export class OidcProviderError extends Error {}

/**
 * GETs (or POSTs a form to) one of the identity provider's endpoints and reads its JSON.
 * Like a webhook's URL: https only unless private hosts are allowed, the host must resolve
 * to public addresses, and the request goes to the very address checked (DNS rebinding).
 * Redirects are not followed.
 */
export async function oidcJson(
  text: string,
  allowPrivateHosts: boolean,
  form?: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(text);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivateHosts)) {
    throw new OidcProviderError(`The identity provider's URLs must be https:// (${url.host})`);
  }
  const address = await resolve(hostOf(url), allowPrivateHosts);
  const payload = form ? new URLSearchParams(form).toString() : undefined;
  const response = await new Promise<IncomingMessage>((done, fail) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        host: address,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: form ? 'POST' : 'GET',
        servername: isIP(hostOf(url)) ? undefined : hostOf(url),
        headers: {
          host: url.host,
          accept: 'application/json',
          ...(payload && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        signal: AbortSignal.timeout(OIDC_TIMEOUT_MS),
      },
      done,
    );
    req.on('error', fail);
    req.end(payload);
  }).catch((error: Error) => {
    throw new OidcProviderError(`The identity provider did not answer: ${error.name}`);
  });
  return { status: response.statusCode ?? 0, body: await readJson(response) };
}

async function resolve(hostname: string, allowPrivateHosts: boolean): Promise<string> {
  try {
    return await resolveAllowedHost(hostname, allowPrivateHosts);
  } catch (error) {
    throw new OidcProviderError(
      error instanceof ImapError && error.kind === 'forbidden_host'
        ? `The identity provider's host ${hostname} is on a private or local network`
        : `The identity provider's host ${hostname} could not be resolved`,
    );
  }
}

async function readJson(response: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      response.destroy();
      throw new OidcProviderError('The identity provider answered too much');
    }
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      return body as Record<string, unknown>;
    }
  } catch {
    // Falls through to the error below.
  }
  throw new OidcProviderError(
    `The identity provider answered HTTP ${response.statusCode} without JSON`,
  );
}
