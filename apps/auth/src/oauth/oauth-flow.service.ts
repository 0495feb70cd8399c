import { OAuthProviderInfo, OAuthRedirectResult, OAuthSide } from '@btsx/contracts';
import { clientSessionDigest, ensureClientSession, secretDigest } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuthConfig } from '../config/auth-config';
import { AUTH_CONFIG } from '../config/auth-config.token';
import { CredentialService, OAuthGrant } from '../credentials/credential.service';
import { OAuthProviderCatalog } from './oauth-provider-catalog';
import { OAuthProvider, providerInfo } from './oauth-provider-registry';
import { DEFAULT_RETURN_TO, parseSide, returnUrl, safeReturnTo } from './oauth-redirect';
import { OAuthStateStore, PendingFlow, STATE_ERROR_MESSAGES } from './oauth-state-store';
import {
  CONSUMED_FLOW,
  createStrategy,
  ExchangedGrant,
  FlowStateStore,
  RequestWithFlow,
} from './oauth-strategy';
import { callbackErrorMessage, exchangeErrorMessage } from './oauth-messages';
import { PassportRunner } from './passport-runner';
import { expiryOf } from './token-refresh-policy';
import { redact } from './oauth-errors';

/**
 * The browser side of OAuth: /start redirects to the provider's consent page, /callback
 * exchanges the code, stores the credential and sends the browser back to its page with
 * the result in the URL fragment. Every failure ends in such a redirect, never a 500 page.
 */
@Injectable()
export class OAuthFlowService {
  private readonly logger = new Logger(OAuthFlowService.name);
  private readonly passport = new PassportRunner();
  private readonly states: OAuthStateStore;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly catalog: OAuthProviderCatalog,
    private readonly credentials: CredentialService,
    db: DataSource,
  ) {
    this.states = new OAuthStateStore(db, config.OAUTH_STATE_TTL_SECONDS);
    const store = new FlowStateStore(this.states);
    for (const provider of catalog.list()) {
      if (provider.available) this.passport.use(provider.id, createStrategy(provider, store));
    }
  }

  providers(): OAuthProviderInfo[] {
    return this.catalog.list().map(providerInfo);
  }

  async start(providerId: string, query: Record<string, unknown>, req: Request, res: Response) {
    // Validated here rather than by the global pipe: a bad value must come back to the page
    // as a fragment, not as a JSON 400 the browser would show bare.
    const returnTo = safeReturnTo(query.returnTo, this.config.PUBLIC_URL) ?? DEFAULT_RETURN_TO;
    const side = parseSide(query.side);
    const provider = this.catalog.get(providerId);
    const fail = (message: string) =>
      this.finish(res, returnTo, { ok: false, side: side ?? '', message });
    if (!side) return fail('side must be source or destination');
    if (!provider) return fail(`Unknown sign-in provider '${providerId.slice(0, 32)}'`);
    if (!provider.available)
      return fail(`${provider.name} sign-in is unavailable: ${provider.reason}`);

    // The browser's client session: only it can finish the sign-in, and the token is its.
    const binding = secretDigest(ensureClientSession(req, res));
    const flow: Omit<PendingFlow, 'verifier'> = { provider: provider.id, side, returnTo, binding };
    // passport-oauth2 hands an object `state` option to the store, which picks the random state.
    const outcome = await this.passport.run(provider.id, req, res, { state: flow });
    if (outcome.kind !== 'responded') return fail(`${provider.name} sign-in could not start`);
  }

  async callback(providerId: string, query: Record<string, unknown>, req: Request, res: Response) {
    const state = typeof query.state === 'string' ? query.state : undefined;
    const consumed = await this.states.consume(state, clientSessionDigest(req));
    const flow = consumed.flow;
    const returnTo = flow?.returnTo ?? DEFAULT_RETURN_TO;
    const side: OAuthSide | '' = flow?.side ?? '';
    const fail = (message: string) => {
      this.logger.warn(`OAuth callback for ${providerId.slice(0, 32)} failed: ${message}`);
      return this.finish(res, returnTo, { ok: false, side, message });
    };
    if (!consumed.ok) return fail(STATE_ERROR_MESSAGES[consumed.reason]);
    const provider = this.catalog.get(providerId);
    if (!provider?.available || flow!.provider !== provider.id) {
      return fail('The sign-in came back for another provider: please authenticate again');
    }
    if (query.error !== undefined) return fail(callbackErrorMessage(provider.name, query));
    // Without a code passport would start a new authorization instead.
    if (typeof query.code !== 'string' || query.code === '') {
      return fail(`${provider.name} sent no authorization code: please authenticate again`);
    }

    (req as RequestWithFlow)[CONSUMED_FLOW] = flow;
    const issuedAt = Date.now();
    const outcome = await this.passport.run<ExchangedGrant>(provider.id, req, res);
    if (outcome.kind !== 'success') {
      const secrets = [typeof query.code === 'string' ? query.code : undefined];
      return fail(redact(exchangeErrorMessage(provider.name, outcome), secrets));
    }
    const grant = outcome.user;
    if (!grant.refreshToken) {
      return fail(
        `${provider.name} did not grant offline access (no refresh token): authenticate again and allow every requested permission`,
      );
    }
    if (!grant.email) return fail(`${provider.name} did not tell BTSX the account's email address`);
    const credentialId = await this.store(provider, grant, issuedAt, flow!);
    this.finish(res, returnTo, { ok: true, side: flow!.side, credentialId, email: grant.email });
  }

  /** The token, for the flow's side and the session that started it. */
  private async store(
    provider: OAuthProvider,
    grant: ExchangedGrant,
    issuedAt: number,
    flow: PendingFlow,
  ) {
    const stored: OAuthGrant = {
      provider: provider.id,
      host: provider.imap.host,
      port: provider.imap.port,
      security: provider.imap.security,
      verifyCertificate: true,
      username: grant.email!,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken!,
      issuedAt: new Date(issuedAt),
      expiresAt: expiryOf(issuedAt, grant.expiresIn),
    };
    const credentialId = await this.credentials.issueOAuth(stored, flow.side, flow.binding);
    this.logger.log(`Stored an OAuth credential for ${provider.name}`);
    return credentialId;
  }

  private finish(res: Response, returnTo: string, result: OAuthRedirectResult): void {
    if (res.headersSent) return;
    res.redirect(302, returnUrl(this.config.PUBLIC_URL, returnTo, result));
  }
}
