import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody } from '@btsx/contracts';

/** The per-line problems of a refused CSV ("line 3: source_port must be ..."), if that is what failed. */
export function importErrors(error: unknown): string[] {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return [];
  const body = error.error as Partial<ApiErrorBody> | null;
  return body?.details ?? [];
}
