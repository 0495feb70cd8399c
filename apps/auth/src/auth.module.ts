import { BusModule, DatabaseModule } from '@btsx/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthConfig } from './config/auth-config';
import { AUTH_CONFIG } from './config/auth-config.token';
import { CredentialHandlers } from './credentials/credential.handlers';
import { Credential } from './credentials/credential.entity';
import { CredentialPurge } from './credentials/credential-purge';
import { CredentialService } from './credentials/credential.service';
import { CredentialVault } from './credentials/credential-vault';
import { CreateCredential1764000000000 } from './credentials/migrations/1764000000000-create-credential';
import { vaultKeysFrom } from './credentials/vault-keys';
import { ImapLoginCheck, ImapSessionLoginCheck } from './imap-verify/imap-login-check';
import { ImapVerifyController } from './imap-verify/imap-verify.controller';
import { ImapVerifyService } from './imap-verify/imap-verify.service';
import { VerifyRateLimitGuard } from './imap-verify/verify-rate-limit.guard';

const SCHEMA = 'auth';

/** Credentials, IMAP login checks and the vault; HTTP for the browser, NATS for workers. */
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
          migrations: [CreateCredential1764000000000],
        }),
        TypeOrmModule.forFeature([Credential]),
        BusModule.forRoot({ url: config.NATS_URL, service: 'auth' }),
      ],
      controllers: [ImapVerifyController, CredentialHandlers],
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: CredentialVault, useFactory: () => new CredentialVault(vaultKeysFrom(config)) },
        { provide: ImapLoginCheck, useClass: ImapSessionLoginCheck },
        CredentialService,
        CredentialPurge,
        ImapVerifyService,
        VerifyRateLimitGuard,
      ],
    };
  }
}
