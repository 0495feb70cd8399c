import { AppError, RemoteError } from '@btsx/platform';
import { CREDENTIAL_NOT_FOUND } from './account-claims';

/**
 * A job that could not start for good: its held credentials are gone, or the job path
 * refused it (4xx). Auth or the database being down is not: the next try may work.
 */
export function refusedForGood(error: unknown): boolean {
  if (error instanceof RemoteError) return error.kind === CREDENTIAL_NOT_FOUND;
  return error instanceof AppError && error.status < 500;
}
