import { WEBHOOK_HEADERS } from '@btsx/contracts';
import { ImapError, resolveAllowedHost } from '@btsx/imap';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { DeliveryError } from './delivery-error';
import { hostOf } from './webhook-url';
import { signWebhook } from './webhook-signature';

/** Answers worth another try: the receiver was busy or timed out. Other 4xx are its refusal. */
const RETRYABLE_CLIENT_STATUSES = [408, 425, 429];

export interface WebhookDelivery {
  url: string;
  secret: string;
  /** The same for every attempt: the receiver's key for dropping repeats. */
  deliveryId: string;
  event: string;
  body: string;
}

/**
 * POSTs one signed webhook. The host is checked again now (its DNS may have changed since
 * the job was created) and the request goes to the very address that was checked (no second
 * lookup: DNS rebinding). Redirects are not followed: a 3xx is a refusal, or the receiver
 * could send us anywhere.
 */
export async function postWebhook(
  delivery: WebhookDelivery,
  allowPrivateHosts: boolean,
  timeoutMs: number,
): Promise<void> {
  const url = new URL(delivery.url);
  const hostname = hostOf(url);
  const address = await resolveOrRefuse(hostname, allowPrivateHosts);
  const timestamp = Math.floor(Date.now() / 1000);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(
      {
        protocol: url.protocol,
        host: address,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        // TLS checks the certificate against the name the user gave, not the address.
        servername: isIP(hostname) ? undefined : hostname,
        headers: {
          host: url.host,
          'content-type': 'application/json',
          'user-agent': 'BTSX-Notifications',
          [WEBHOOK_HEADERS.signature]: signWebhook(delivery.secret, timestamp, delivery.body),
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.delivery]: delivery.deliveryId,
          [WEBHOOK_HEADERS.event]: delivery.event,
        },
        signal: AbortSignal.timeout(timeoutMs),
      },
      resolve,
    );
    req.on('error', reject);
    req.end(delivery.body);
  }).catch((error: Error) => {
    throw new DeliveryError(`The webhook's host did not answer: ${error.name}`, false);
  });
  // The answer's body is not read: nothing in it changes what happens next.
  response.resume();
  throwUnlessAccepted(response.statusCode ?? 0);
}

async function resolveOrRefuse(hostname: string, allowPrivateHosts: boolean): Promise<string> {
  try {
    return await resolveAllowedHost(hostname, allowPrivateHosts);
  } catch (error) {
    const forbidden = error instanceof ImapError && error.kind === 'forbidden_host';
    throw new DeliveryError(
      forbidden
        ? `The webhook's host ${hostname} is on a private or local network`
        : `The webhook's host ${hostname} could not be resolved`,
      forbidden,
    );
  }
}

function throwUnlessAccepted(status: number): void {
  if (status >= 200 && status < 300) return;
  if (status >= 300 && status < 400) {
    throw new DeliveryError(`The webhook answered ${status}: redirects are not followed`, true);
  }
  const retryable = status >= 500 || RETRYABLE_CLIENT_STATUSES.includes(status);
  throw new DeliveryError(`The webhook answered ${status}`, !retryable);
}
