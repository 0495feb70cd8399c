import { OAuthProviderId } from '@btsx/contracts';
import { OAuthProvider } from './oauth-provider-registry';

/** The configured providers of this server, built once at boot. */
export class OAuthProviderCatalog {
  constructor(private readonly providers: readonly OAuthProvider[]) {}

  list(): readonly OAuthProvider[] {
    return this.providers;
  }

  get(id: string): OAuthProvider | undefined {
    return this.providers.find((p) => p.id === (id as OAuthProviderId));
  }
}
