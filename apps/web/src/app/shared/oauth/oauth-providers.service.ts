import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import {
  API_ROUTES,
  type OAuthProviderId,
  type OAuthProviderInfo,
  type OAuthSide,
} from '@btsx/contracts/core';
import { describeApiError } from '../api/api-error';
import { requestApi } from '../api/call-api';

/** What a card needs to know about one provider: may the person sign in, and if not, why. */
export interface ProviderAvailability {
  available: boolean;
  reason?: string;
}

type Loaded = { providers: OAuthProviderInfo[] } | { error: string };

/**
 * The server's OAuth providers (GET /api/auth/oauth/providers), asked for once per page
 * load however many cards want them.
 */
@Injectable({ providedIn: 'root' })
export class OAuthProviders {
  private readonly http = inject(HttpClient);
  private readonly loaded = signal<Loaded | null>(null);
  private requested = false;

  readonly loading = computed(() => this.loaded() === null);

  /** Asks the server once; later calls do nothing. */
  load(): void {
    if (this.requested) return;
    this.requested = true;
    requestApi(this.http, API_ROUTES.oauthProviders, []).subscribe({
      next: (providers) => this.loaded.set({ providers }),
      error: (error: unknown) =>
        this.loaded.set({
          error: `Sign-in options could not be loaded. ${describeApiError(error)}`,
        }),
    });
  }

  /** Null while loading. */
  availability(id: OAuthProviderId): ProviderAvailability | null {
    const loaded = this.loaded();
    if (!loaded) return null;
    if ('error' in loaded) return { available: false, reason: loaded.error };
    const info = loaded.providers.find((p) => p.id === id);
    if (!info) return { available: false, reason: 'This server does not offer this sign-in.' };
    return info.available ? { available: true } : { available: false, reason: info.reason };
  }
}

/** The full-page address that starts a sign-in; it comes back to `returnTo` with a fragment. */
export function oauthStartUrl(id: OAuthProviderId, side: OAuthSide, returnTo = '/'): string {
  const query = new URLSearchParams({ side, returnTo });
  return `${API_ROUTES.oauthStart.path(id)}?${query}`;
}
