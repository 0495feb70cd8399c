import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/**
 * The few browser things an OAuth round trip touches (full-page navigation, the URL
 * fragment, sessionStorage), behind one seam so component tests can replace navigation.
 */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly window = inject(DOCUMENT).defaultView;

  /** Leaves the app for `url` (same origin; the server redirects on to the provider). */
  assign(url: string): void {
    this.window?.location.assign(url);
  }

  hash(): string {
    return this.window?.location.hash ?? '';
  }

  /** Drops the fragment without a navigation or a new history entry. */
  clearHash(): void {
    const w = this.window;
    if (!w || !w.location.hash) return;
    w.history.replaceState(w.history.state, '', `${w.location.pathname}${w.location.search}`);
  }

  /** Null where storage is disabled (private modes, sandboxed frames): reading it throws there. */
  sessionStorage(): Storage | null {
    try {
      return this.window?.sessionStorage ?? null;
    } catch {
      return null;
    }
  }
}
