import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ApiErrorBody } from '@btsx/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountCardComponent } from './account-card.component';
import { AccountState } from './account-state';

describe('AccountCardComponent', () => {
  let fixture: ComponentFixture<AccountCardComponent>;
  let http: HttpTestingController;
  let state: AccountState;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    state = new AccountState();
    fixture = TestBed.createComponent(AccountCardComponent);
    fixture.componentRef.setInput('kind', 'source');
    fixture.componentRef.setInput('state', state);
    await fixture.whenStable();
  });

  const el = () => fixture.nativeElement as HTMLElement;

  function type(name: string, value: string): void {
    const input = el().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function authenticate(
    answer: { credentialId: string } | { error: ApiErrorBody },
  ): Promise<void> {
    type('host', 'imap.example.com');
    type('username', 'alice@example.com');
    type('password', 'secret');
    el().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const request = http.expectOne('/api/auth/imap/verify');
    // The token it earns serves only the card's own side.
    expect(request.request.body).toMatchObject({ side: 'source', host: 'imap.example.com' });
    if ('error' in answer) {
      request.flush(answer.error, {
        status: answer.error.statusCode,
        statusText: answer.error.error,
      });
    } else {
      request.flush(answer);
    }
    await fixture.whenStable();
  }

  it('shows the server reason from an ApiErrorBody in the card', async () => {
    await authenticate({
      error: {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'The server rejected the username or password.',
      },
    });
    expect(el().querySelector('.outcome')!.textContent).toContain(
      'The server rejected the username or password.',
    );
    expect(state.phase()).toBe('error');
  });

  it('shows the Authenticated tick after a successful verification', async () => {
    await authenticate({ credentialId: 'c0ffee00-0000-4000-8000-000000000001' });
    expect(el().querySelector('.outcome')!.textContent).toContain('Authenticated');
  });

  it('clears the tick when a field is edited', async () => {
    await authenticate({ credentialId: 'c0ffee00-0000-4000-8000-000000000001' });
    type('username', 'bob@example.com');
    await fixture.whenStable();
    expect(state.authenticated()).toBe(false);
    expect(el().querySelector('.outcome')!.textContent).not.toContain('Authenticated');
  });

  it('does not call the server while a required field is empty', async () => {
    el().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await fixture.whenStable();
    http.expectNone('/api/auth/imap/verify');
    expect(el().textContent).toContain('Enter the IMAP server name');
  });
});
