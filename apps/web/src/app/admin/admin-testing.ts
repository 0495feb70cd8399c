import type { Provider, Type } from '@angular/core';
import { type PageHarness, pageHarness } from '../shared/testing/page-harness';

/** What the admin pages' component tests share: a page with a fake HTTP backend. */
export type AdminPageHarness<T> = PageHarness<T>;

export function adminPage<T>(component: Type<T>, providers: Provider[] = []): AdminPageHarness<T> {
  return pageHarness(component, providers);
}
