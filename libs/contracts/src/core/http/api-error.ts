/** The body of every non-2xx answer of the public API. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** For 400s: one entry per invalid field. */
  details?: string[];
}
