import { BusModule, DatabaseModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthConfig } from './config/auth-config';
import { AUTH_CONFIG } from './config/auth-config.token';
import { CredentialHandlers } from './credentials/credential.handlers';
import { Credential } from './credentials/credential.entity';
import { CredentialPurge } from './credentials/credential-purge';
import { CredentialService } from './credentials/credential.service';
import { CredentialVault } from './credentials/credential-vault';
import { CreateCredential1764000000000 } from './credentials/migrations/1764000000000-create-credential';
import { AddOAuthCredential1765000000000 } from './credentials/migrations/1765000000000-add-oauth-credential';
import { BindCredentials1768000000000 } from './credentials/migrations/1768000000000-bind-credentials';
import { CreateOAuthSignIn1766000000000 } from './oauth/migrations/1766000000000-create-oauth-sign-in';
import { vaultKeysFrom } from './credentials/vault-keys';
import { HeldCredentialHandlers } from './held-credentials/held-credential.handlers';
import { ImapLoginCheck, ImapSessionLoginCheck } from './imap-verify/imap-login-check';
import { ImapVerifyController } from './imap-verify/imap-verify.controller';
import { ImapVerifyService } from './imap-verify/imap-verify.service';
import { VerifyRateLimitGuard } from './imap-verify/verify-rate-limit.guard';
import { OAuthController } from './oauth/oauth.controller';
import { OAuthFlowService } from './oauth/oauth-flow.service';
import { OAuthProviderCatalog } from './oauth/oauth-provider-catalog';
import { configureProviders } from './oauth/oauth-provider-registry';
import { OAuthTokenClient } from './oauth/oauth-token-client';
import { OAuthTokenService } from './oauth/oauth-token.service';

const SCHEMA = 'auth';

/** Credentials, IMAP login checks, OAuth and the vault; HTTP for the browser, NATS for workers. */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          schema: SCHEMA,
          entities: [Credential],
          migrations: [
            CreateCredential1764000000000,
            AddOAuthCredential1765000000000,
            CreateOAuthSignIn1766000000000,
            BindCredentials1768000000000,
          ],
        }),
        TypeOrmModule.forFeature([Credential]),
        BusModule.forRoot({ service: 'auth', settings: config }),
      ],
      controllers: [
        ImapVerifyController,
        OAuthController,
        CredentialHandlers,
        HeldCredentialHandlers,
      ],
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: CredentialVault, useFactory: () => new CredentialVault(vaultKeysFrom(config)) },
        { provide: ImapLoginCheck, useClass: ImapSessionLoginCheck },
        {
          provide: OAuthProviderCatalog,
          useFactory: () => new OAuthProviderCatalog(configureProviders(config)),
        },
        {
          provide: OAuthTokenService,
          inject: [getRepositoryToken(Credential), CredentialVault, OAuthProviderCatalog],
          useFactory: (
            repository: Repository<Credential>,
            vault: CredentialVault,
            catalog: OAuthProviderCatalog,
          ) => new OAuthTokenService(repository, vault, catalog, new OAuthTokenClient()),
        },
        OAuthFlowService,
        CredentialService,
        CredentialPurge,
        ImapVerifyService,
        VerifyRateLimitGuard,
      ],
    };
  }
}
