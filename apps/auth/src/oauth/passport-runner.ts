import type { Request, Response } from 'express';
import passport from 'passport';
import type { Strategy } from 'passport';

export type PassportOutcome<U> =
  | { kind: 'responded' }
  | { kind: 'success'; user: U }
  | { kind: 'fail'; message?: string }
  | { kind: 'error'; error: Error };

/**
 * Runs one strategy on one request without sessions, as a promise. A strategy that
 * redirects (the start of a flow) ends the response itself: that is 'responded'.
 * A private Authenticator keeps our strategies out of passport's global registry.
 */
export class PassportRunner {
  private readonly authenticator = new passport.Authenticator();

  use(name: string, strategy: Strategy): void {
    this.authenticator.use(name, strategy);
  }

  run<U>(
    name: string,
    req: Request,
    res: Response,
    options: Record<string, unknown> = {},
  ): Promise<PassportOutcome<U>> {
    return new Promise((resolve) => {
      res.once('finish', () => resolve({ kind: 'responded' }));
      const middleware = this.authenticator.authenticate(
        name,
        { ...options, session: false },
        (error: Error | null, user: U | false, info?: { message?: string }) => {
          if (error) resolve({ kind: 'error', error });
          else if (!user) resolve({ kind: 'fail', message: info?.message });
          else resolve({ kind: 'success', user });
        },
      ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
      middleware(req, res, (error?: unknown) =>
        resolve({
          kind: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        }),
      );
    });
  }
}
