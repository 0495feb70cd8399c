import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { OAuthProviderInfo } from '@btsx/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountCardComponent } from './account-card.component';
import { AccountState } from './account-state';

const PROVIDERS: OAuthProviderInfo[] = [
  {
    id: 'google',
    name: 'Google',
    available: true,
    imapHost: 'imap.gmail.com',
    imapPort: 993,
    imapSecurity: 'tls',
  },
  {
    id: 'microsoft',
    name: 'Microsoft 365',
    available: false,
    reason: 'Not configured on this server: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET',
    imapHost: 'outlook.office365.com',
    imapPort: 993,
    imapSecurity: 'tls',
  },
];

describe('AccountCardComponent with OAuth providers', () => {
  let fixture: ComponentFixture<AccountCardComponent>;
  let http: HttpTestingController;
  let started: string[];

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccountCardComponent);
    fixture.componentRef.setInput('kind', 'source');
    fixture.componentRef.setInput('state', new AccountState());
    started = [];
    fixture.componentInstance.oauthStart.subscribe((id) => started.push(id));
    await fixture.whenStable();
    http.expectOne('/api/auth/oauth/providers').flush(PROVIDERS);
    await fixture.whenStable();
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const button = (text: string) =>
    [...el().querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

  async function chooseServerType(label: string): Promise<void> {
    button(label).click();
    await fixture.whenStable();
  }

  it('asks for the providers once', () => {
    http.verify();
  });

  it('disables an unavailable provider and says why in one line', async () => {
    await chooseServerType('Microsoft 365');
    expect(button('Authenticate with Microsoft').disabled).toBe(true);
    const reason = el().querySelector('[data-testid="oauth-unavailable"]')!;
    expect(reason.textContent?.trim()).toBe(PROVIDERS[1].reason);
    button('Authenticate with Microsoft').click();
    expect(started).toEqual([]);
  });

  it('offers an available provider and asks the page to start its sign-in', async () => {
    await chooseServerType('Gmail');
    const authenticate = button('Authenticate with Google');
    expect(authenticate.disabled).toBe(false);
    expect(el().querySelector('[data-testid="oauth-unavailable"]')).toBeNull();
    expect(el().querySelector('input[formcontrolname="password"]')).toBeNull();
    authenticate.click();
    expect(started).toEqual(['google']);
  });
});
