import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@btsx/contracts';

const UNREACHABLE = 'The BTSX service cannot be reached. Check your connection and try again.';
const UNEXPECTED = 'Something went wrong on our side. Please try again in a moment.';

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ApiErrorBody).message === 'string' &&
    typeof (body as ApiErrorBody).statusCode === 'number'
  );
}

/** The HTTP status of a failed call, or 0 when there was no answer. */
export function errorStatus(error: unknown): number {
  return error instanceof HttpErrorResponse ? error.status : 0;
}

/**
 * A sentence for the person from any failed API call: the server's own reason (wrong
 * password, host unreachable, certificate problem) when it sent an ApiErrorBody.
 */
export function describeApiError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return UNEXPECTED;
  if (error.status === 0) return UNREACHABLE;
  const body: unknown = error.error;
  if (isApiErrorBody(body)) {
    const details = body.details?.length ? ` ${body.details.join(' ')}` : '';
    return `${body.message}${details}`;
  }
  return error.status >= 500 ? UNEXPECTED : `The request failed (${error.status}).`;
}
