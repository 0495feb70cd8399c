import { ApiErrorBody } from '@btsx/contracts';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Response } from 'express';
import { Observable, throwError } from 'rxjs';
import { AppError } from './app-error';

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * The one place errors become HTTP answers. Known errors keep their message; anything
 * else becomes a generic 500 whose details are logged under an id the user can quote.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): Observable<never> | void {
    // On the bus the transport decides (ack, retry, reply): hand it the error untouched.
    if (host.getType() !== 'http') return throwError(() => error);
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ApiErrorBody {
    if (error instanceof AppError) return body(error.status, error.message);
    if (error instanceof HttpException) {
      const answer = error.getResponse() as { message?: string | string[]; details?: string[] };
      const message = typeof answer === 'string' ? answer : answer.message;
      if (Array.isArray(message))
        return { ...body(error.getStatus(), 'Invalid request'), details: message };
      return { ...body(error.getStatus(), message ?? error.message), details: answer.details };
    }
    const refused = clientErrorStatus(error);
    if (refused === 413) return body(413, 'The request body is too large');
    if (refused) return body(refused, (error as Error).message);
    const id = randomUUID();
    this.logger.error(
      `Unhandled error ${id}: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return body(500, `Internal error (reference ${id})`);
  }
}

/**
 * The status of a client error raised before a controller ran: the body parser throws
 * http-errors (413 too large, 415 charset) that are neither AppError nor HttpException.
 */
function clientErrorStatus(error: unknown): number | null {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  const isClientError = typeof status === 'number' && status >= 400 && status < 500;
  return isClientError && expose === true ? status : null;
}

function body(statusCode: number, message: string): ApiErrorBody {
  return { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message };
}
