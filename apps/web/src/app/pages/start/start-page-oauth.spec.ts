import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { OAuthProviderInfo } from '@btsx/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_DRAFT } from '../../shared/account-card/account-draft';
import { BrowserLocation } from '../../shared/oauth/browser-location';
import { StartPageComponent } from './start-page.component';
import { START_PAGE_MEMORY_KEY, StartPageMemory } from './start-page-memory';

const GOOGLE: OAuthProviderInfo = {
  id: 'google',
  name: 'Google',
  available: true,
  imapHost: 'imap.gmail.com',
  imapPort: 993,
  imapSecurity: 'tls',
};

/** The page before it left for Google: destination already ticked by a password login. */
const SAVED: StartPageMemory = {
  version: 1,
  source: { draft: { ...EMPTY_DRAFT, serverType: 'gmail' }, credentialId: null },
  destination: {
    draft: { ...EMPTY_DRAFT, host: 'imap.dest.test', username: 'bob@dest.test' },
    credentialId: 'dest-credential',
  },
  options: {
    deleteSource: false,
    foldersOnly: true,
    progressUpdates: true,
    reconcileExisting: false,
  },
  terms: true,
  pending: { side: 'source', serverType: 'gmail' },
};

describe('StartPageComponent after an OAuth round trip', () => {
  let fixture: ComponentFixture<StartPageComponent>;
  let navigations: string[];

  beforeEach(() => {
    sessionStorage.clear();
    navigations = [];
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    const browser = TestBed.inject(BrowserLocation);
    browser.assign = (url: string) => void navigations.push(url);
  });

  afterEach(() => {
    history.replaceState(null, '', '/');
    sessionStorage.clear();
  });

  /** Lands on `/` + fragment, as the auth service's redirect does. */
  async function land(fragment: string): Promise<void> {
    history.replaceState(null, '', `/${fragment}`);
    fixture = TestBed.createComponent(StartPageComponent);
    await fixture.whenStable();
    TestBed.inject(HttpTestingController).match('/api/auth/oauth/providers')[0]?.flush([GOOGLE]);
    await fixture.whenStable();
  }

  const card = (name: 'Source account' | 'Destination account') =>
    [...(fixture.nativeElement as HTMLElement).querySelectorAll('mat-card')].find((c) =>
      c.textContent?.includes(name),
    )!;
  const outcome = (name: 'Source account' | 'Destination account') =>
    card(name).querySelector('.outcome')!.textContent ?? '';

  it('shows the tick and the address, read-only, on the card that signed in', async () => {
    await land('#oauth=source:source-credential:alice%40test.local');
    expect(outcome('Source account')).toContain('Authenticated');
    const username = card('Source account').querySelector<HTMLInputElement>(
      'input[formcontrolname="username"]',
    )!;
    expect(username.value).toBe('alice@test.local');
    expect(username.readOnly).toBe(true);
    expect(card('Source account').textContent).toContain('Authenticate with Google');
    expect(location.hash).toBe('');
  });

  it('shows the error of a failed sign-in in red on that card', async () => {
    await land('#oauthError=destination:Access%20was%20not%20granted%20at%20Google');
    const failed = card('Destination account').querySelector('.outcome .failed')!;
    expect(failed.textContent).toContain('Access was not granted at Google');
    expect(outcome('Source account')).not.toContain('Access was not granted');
    expect(location.hash).toBe('');
  });

  it('restores the other card, still authenticated, and the options from sessionStorage', async () => {
    sessionStorage.setItem(START_PAGE_MEMORY_KEY, JSON.stringify(SAVED));
    await land('#oauth=source:source-credential:alice%40test.local');
    expect(outcome('Source account')).toContain('Authenticated');
    expect(outcome('Destination account')).toContain('Authenticated');
    const host = card('Destination account').querySelector<HTMLInputElement>(
      'input[formcontrolname="host"]',
    )!;
    expect(host.value).toBe('imap.dest.test');
    const start = [...(fixture.nativeElement as HTMLElement).querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Start Migration'),
    )!;
    // Both ticks and the agreed terms came back: Start is ready.
    expect(start.disabled).toBe(false);
    expect(sessionStorage.getItem(START_PAGE_MEMORY_KEY)).toBeNull();
  });

  it('saves both cards without a password before leaving for the provider', async () => {
    await land('');
    const dest = card('Destination account');
    for (const [name, value] of [
      ['host', 'imap.dest.test'],
      ['username', 'bob@dest.test'],
      ['password', 'never-stored'],
    ]) {
      const input = dest.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    const source = card('Source account');
    [...source.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Gmail')!.click();
    await fixture.whenStable();
    [...source.querySelectorAll('button')]
      .find((b) => b.textContent?.includes('Authenticate with Google'))!
      .click();
    expect(navigations).toEqual(['/api/auth/oauth/google/start?side=source&returnTo=%2F']);
    const saved = sessionStorage.getItem(START_PAGE_MEMORY_KEY)!;
    expect(saved).not.toContain('never-stored');
    expect(JSON.parse(saved)).toMatchObject({
      destination: { draft: { host: 'imap.dest.test', username: 'bob@dest.test' } },
      pending: { side: 'source', serverType: 'gmail' },
    });
  });
});
