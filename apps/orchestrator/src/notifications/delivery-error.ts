/**
 * A notification that could not be delivered. Permanent: trying again cannot help (a
 * receiver that refuses it, a host that is not allowed); otherwise it is retried later.
 * The message names no secret and no URL path.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
