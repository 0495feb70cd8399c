import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { JobView } from '@btsx/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserLocation } from '../../shared/oauth/browser-location';
import { RestartDialogComponent, RestartDialogData } from './restart-dialog.component';
import { SIGN_IN_AGAIN_MEMORY_KEY } from './sign-in-again-memory';

const JOB = {
  id: 'job-1',
  status: 'completed',
  source: {
    host: 'imap.old.example',
    port: 993,
    security: 'tls',
    username: 'alice@old.example',
    tlsInsecure: false,
    provider: null,
  },
  destination: {
    host: 'imap.new.example',
    port: 143,
    security: 'starttls',
    username: 'alice@new.example',
    tlsInsecure: true,
    provider: null,
  },
} as JobView;

/** alice's Gmail as the source, signed in with Google. */
const GOOGLE_JOB = {
  ...JOB,
  source: {
    ...JOB.source,
    host: 'imap.gmail.com',
    username: 'alice@gmail.test',
    provider: 'google',
  },
} as JobView;

describe('RestartDialogComponent', () => {
  let fixture: ComponentFixture<RestartDialogComponent>;
  let http: HttpTestingController;
  let close: ReturnType<typeof vi.fn>;
  let navigations: string[];

  /** Opens the dialog afresh on `data`, as the job status page would. */
  async function open(data: RestartDialogData): Promise<void> {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MAT_DIALOG_DATA, useValue: data },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    sessionStorage.clear();
    navigations = [];
    TestBed.inject(BrowserLocation).assign = (url: string) => void navigations.push(url);
    fixture = TestBed.createComponent(RestartDialogComponent);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    close = vi.fn();
    await open({ job: JOB });
  });

  const el = () => fixture.nativeElement as HTMLElement;
  const restartButton = () => el().querySelector<HTMLButtonElement>('button.restart')!;
  const signInButton = () => el().querySelector<HTMLButtonElement>('button.sign-in');
  const kept = () => sessionStorage.getItem(SIGN_IN_AGAIN_MEMORY_KEY) ?? '';

  async function type(index: number, value: string): Promise<void> {
    const input = el().querySelectorAll<HTMLInputElement>('input[type="password"]')[index];
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  /** Lets the awaited HTTP answers run, then renders. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  /** Types both passwords, submits, and lets auth accept both accounts. */
  async function signInBoth(): Promise<void> {
    await type(0, 'source-secret');
    await type(1, 'dest-secret');
    restartButton().click();
    await fixture.whenStable();
    const [source, destination] = http.match('/api/auth/imap/verify');
    source.flush({ credentialId: 'cred-source' });
    destination.flush({ credentialId: 'cred-dest' });
    await settle();
  }

  it('explains why it asks for the passwords and shows the accounts from the job', () => {
    expect(el().textContent).toContain('Your passwords were deleted when the job ended');
    expect(el().textContent).toContain('alice@old.example');
    expect(el().textContent).toContain('imap.new.example:143');
  });

  it('stays disabled until both passwords are typed', async () => {
    expect(restartButton().disabled).toBe(true);
    await type(0, 'source-secret');
    expect(restartButton().disabled).toBe(true);
    await type(1, 'dest-secret');
    expect(restartButton().disabled).toBe(false);
    await type(0, '');
    expect(restartButton().disabled).toBe(true);
  });

  it('is disabled while the accounts are checked, then restarts and closes with the new id', async () => {
    await type(0, 'source-secret');
    await type(1, 'dest-secret');
    restartButton().click();
    await fixture.whenStable();
    expect(restartButton().disabled).toBe(true);

    const verifies = http.match('/api/auth/imap/verify');
    expect(verifies.map((r) => r.request.body)).toEqual([
      {
        side: 'source',
        host: 'imap.old.example',
        port: 993,
        security: 'tls',
        username: 'alice@old.example',
        password: 'source-secret',
      },
      {
        side: 'destination',
        host: 'imap.new.example',
        port: 143,
        security: 'starttls',
        username: 'alice@new.example',
        password: 'dest-secret',
        tlsInsecure: true,
      },
    ]);
    verifies[0].flush({ credentialId: 'cred-source' });
    verifies[1].flush({ credentialId: 'cred-dest' });
    await settle();

    const restart = http.expectOne('/api/jobs/job-1/restart');
    expect(restart.request.body).toEqual({
      sourceCredentialId: 'cred-source',
      destinationCredentialId: 'cred-dest',
    });
    expect(restartButton().disabled).toBe(true);
    restart.flush({ id: 'job-2' });
    await settle();
    expect(close).toHaveBeenCalledWith('job-2');
  });

  it('shows a refused password by its account and enables Restart again', async () => {
    await type(0, 'source-secret');
    await type(1, 'wrong');
    restartButton().click();
    const [source, destination] = http.match('/api/auth/imap/verify');
    source.flush({ credentialId: 'cred-source' });
    destination.flush(
      { statusCode: 400, error: 'Bad Request', message: 'The password was not accepted' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    http.expectNone('/api/jobs/job-1/restart');
    expect(el().textContent).toContain('The password was not accepted');
    expect(restartButton().disabled).toBe(false);
    expect(close).not.toHaveBeenCalled();

    // Only the account whose password changed is checked again.
    await type(1, 'right');
    restartButton().click();
    http.expectOne('/api/auth/imap/verify').flush({ credentialId: 'cred-dest' });
    await settle();
    http.expectOne('/api/jobs/job-1/restart').flush({ id: 'job-2' });
    await settle();
    expect(close).toHaveBeenCalledWith('job-2');
  });

  describe('asked to verify the job again', () => {
    beforeEach(() => open({ job: JOB, purpose: 'verify' }));

    it('says what verifying does, then verifies with both new logins and closes with the job', async () => {
      expect(el().querySelector('h2')?.textContent).toBe('Verify this migration again');
      expect(el().textContent).toContain('Nothing is copied or changed');
      expect(restartButton().textContent?.trim()).toBe('Verify');
      await signInBoth();
      const verify = http.expectOne('/api/jobs/job-1/verify');
      expect(verify.request.body).toEqual({
        sourceCredentialId: 'cred-source',
        destinationCredentialId: 'cred-dest',
      });
      const asked = { ...JOB, audit: { id: 'audit-2', state: 'running' } };
      verify.flush(asked);
      await settle();
      expect(close).toHaveBeenCalledWith(asked);
      expect(http.match('/api/jobs/job-1/restart')).toEqual([]);
    });
  });

  describe('asked to verify the job in depth', () => {
    beforeEach(() => open({ job: JOB, purpose: 'verify-deep' }));

    it('says it downloads both mailboxes, then asks for a deep verification', async () => {
      expect(el().querySelector('h2')?.textContent).toBe('Verify this migration in depth');
      expect(el().textContent).toContain('Every message is downloaded from both accounts');
      await signInBoth();
      const verify = http.expectOne('/api/jobs/job-1/verify');
      expect(verify.request.body).toEqual({
        sourceCredentialId: 'cred-source',
        destinationCredentialId: 'cred-dest',
        deep: true,
      });
      const asked = { ...JOB, audit: { id: 'audit-2', state: 'running', deep: true } };
      verify.flush(asked);
      await settle();
      expect(close).toHaveBeenCalledWith(asked);
    });
  });

  describe('for a job whose source signs in with Google', () => {
    beforeEach(() => open({ job: GOOGLE_JOB }));

    it('offers Sign in with Google instead of a password, and waits for it', async () => {
      expect(el().textContent).toContain('Your sign-ins were deleted when the job ended');
      expect(signInButton()?.textContent?.trim()).toBe('Sign in with Google');
      expect(el().querySelectorAll('input[type="password"]').length).toBe(1);
      await type(0, 'dest-secret');
      expect(restartButton().disabled).toBe(true);
    });

    it('leaves for Google and back to this job, keeping which job and what for, no password', async () => {
      await type(0, 'dest-secret');
      signInButton()!.click();
      expect(navigations).toEqual([
        '/api/auth/oauth/google/start?side=source&returnTo=%2Fjobs%2Fjob-1',
      ]);
      expect(JSON.parse(kept())).toEqual({
        version: 1,
        jobId: 'job-1',
        purpose: 'restart',
        side: 'source',
        signedIn: {},
      });
      expect(kept()).not.toContain('dest-secret');
    });
  });

  describe('back from the provider', () => {
    it('shows the account signed in, checks only the password, then restarts with both', async () => {
      await open({ job: GOOGLE_JOB, returned: { source: { credentialId: 'cred-google' } } });
      expect(signInButton()).toBeNull();
      expect(el().textContent).toContain('Authenticated');
      await type(0, 'dest-secret');
      restartButton().click();
      await fixture.whenStable();
      const verify = http.expectOne('/api/auth/imap/verify');
      expect(verify.request.body).toMatchObject({ side: 'destination', password: 'dest-secret' });
      verify.flush({ credentialId: 'cred-dest' });
      await settle();
      const restart = http.expectOne('/api/jobs/job-1/restart');
      expect(restart.request.body).toEqual({
        sourceCredentialId: 'cred-google',
        destinationCredentialId: 'cred-dest',
      });
      restart.flush({ id: 'job-2' });
      await settle();
      expect(close).toHaveBeenCalledWith('job-2');
    });

    it('shows why the sign-in failed by its account, and offers it again', async () => {
      await open({
        job: GOOGLE_JOB,
        returned: { source: { error: 'Google sign-in was cancelled' } },
      });
      expect(el().textContent).toContain('Google sign-in was cancelled');
      expect(signInButton()).not.toBeNull();
    });

    it("keeps the first account's token while the second leaves for its provider", async () => {
      const both = {
        ...GOOGLE_JOB,
        destination: { ...JOB.destination, provider: 'microsoft' },
      } as JobView;
      await open({
        job: both,
        purpose: 'verify',
        returned: { source: { credentialId: 'cred-google' } },
      });
      expect(el().querySelectorAll('input[type="password"]').length).toBe(0);
      expect(signInButton()?.textContent?.trim()).toBe('Sign in with Microsoft 365');
      signInButton()!.click();
      expect(navigations).toEqual([
        '/api/auth/oauth/microsoft/start?side=destination&returnTo=%2Fjobs%2Fjob-1',
      ]);
      expect(JSON.parse(kept())).toEqual({
        version: 1,
        jobId: 'job-1',
        purpose: 'verify',
        side: 'destination',
        signedIn: { source: 'cred-google' },
      });
    });
  });
});
