import { DestroyRef, inject } from '@angular/core';

/** How often the dashboard re-reads what it shows: live enough, cheap for the server. */
export const REFRESH_MS = 2_000;

/**
 * Loads at once and every `ms` until the component is destroyed (call in a constructor).
 * The first load waits a microtask: the router sets the component's inputs right after
 * constructing it.
 */
export function refreshEvery(load: () => Promise<void>, ms = REFRESH_MS): void {
  const timer = setInterval(() => void load(), ms);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
  queueMicrotask(() => void load());
}
