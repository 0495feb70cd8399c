import { afterEach, describe, expect, it } from 'vitest';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ACME, GLOBEX, signedIn } from '../admin-testing';
import { AdminSession, TENANT_CHOICE_KEY } from './admin-session.service';

describe('AdminSession', () => {
  afterEach(() => localStorage.clear());

  function session(me = signedIn('owner')): AdminSession {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    const session = TestBed.inject(AdminSession);
    session.set(me);
    return session;
  }

  it("remembers an MSP admin's tenant across visits, and forgets one it no longer sees", () => {
    localStorage.setItem(TENANT_CHOICE_KEY, GLOBEX.id);
    expect(session().tenantFilter()).toBe(GLOBEX.id);
    TestBed.resetTestingModule();
    expect(session({ ...signedIn('owner'), tenants: [ACME] }).tenantFilter()).toBeNull();
  });

  it("never narrows a tenant's admin by a choice left in the browser", () => {
    localStorage.setItem(TENANT_CHOICE_KEY, ACME.id);
    const tenantAdmin = session(signedIn('viewer', ACME));
    expect(tenantAdmin.tenantFilter()).toBeNull();
    expect(tenantAdmin.may('viewer')).toBe(true);
    expect(tenantAdmin.may('operator')).toBe(false);
    expect(tenantAdmin.tenantName(null)).toBe('MSP');
  });
});
