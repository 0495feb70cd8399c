import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import type { AdminSessionView } from '@btsx/contracts/core';
import { describe, expect, it } from 'vitest';
import { roleGuard } from './admin.guard';
import { ACME, signedIn } from './admin-testing';

/** What roleGuard answers `me`: true, or the URL it sends the admin to instead. */
async function guard(
  me: AdminSessionView,
  ...args: Parameters<typeof roleGuard>
): Promise<true | string> {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
    ],
  });
  const check = TestBed.runInInjectionContext(() => roleGuard(...args)(null!, null!));
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.inject(HttpTestingController).expectOne('/api/admin/me').flush(me);
  const answer = await (check as Promise<boolean | UrlTree>);
  const where = answer === true ? true : TestBed.inject(Router).serializeUrl(answer as UrlTree);
  TestBed.resetTestingModule();
  return where;
}

describe('roleGuard', () => {
  it('opens an owner page to owners and sends anyone else to the batches', async () => {
    expect(await guard(signedIn('owner', ACME), 'owner')).toBe(true);
    expect(await guard(signedIn('operator'), 'owner')).toBe('/admin');
  });

  it("keeps a tenant's owner out of an MSP page", async () => {
    expect(await guard(signedIn('owner'), 'owner', { mspOnly: true })).toBe(true);
    expect(await guard(signedIn('owner', ACME), 'owner', { mspOnly: true })).toBe('/admin');
  });
});
