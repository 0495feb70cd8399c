import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type {
  AccountSide,
  JobAccountView,
  JobView,
  RestartJobRequest,
  VerifyImapRequest,
} from '@btsx/contracts';
import { OAUTH_PROVIDER_NAMES } from '@btsx/contracts/core';
import { AccountState } from '../../shared/account-card/account-state';
import { verifyAccount } from '../../shared/account-card/verify-account';
import { describeApiError } from '../../shared/api/api-error';
import { BtsxApi } from '../../shared/api/btsx-api.service';
import { IconComponent } from '../../shared/icon/icon.component';
import { BrowserLocation } from '../../shared/oauth/browser-location';
import { oauthStartUrl } from '../../shared/oauth/oauth-providers.service';
import { keepSignInAgain, ReturnedSignIn, ReturnedSignIns } from './sign-in-again-memory';

/**
 * All need fresh logins for the job's accounts: a restart, a delta pass (only what changed
 * since), or verifying the job again (deep: comparing a SHA-256 of every message on both sides).
 */
export type SignInAgainPurpose = 'restart' | 'delta' | 'verify' | 'verify-deep';

export interface RestartDialogData {
  job: JobView;
  /** Default: restart. */
  purpose?: SignInAgainPurpose;
  /** Back from a provider's sign-in: what each OAuth account brought back. */
  returned?: ReturnedSignIns;
}

/** Restart: the new job's id. Verify: the job as it is now, its audit running. */
export type RestartDialogResult = string | JobView;

const WORDING = {
  restart: {
    title: 'Restart this migration',
    intro: 'restart it',
    submit: 'Restart',
    busy: 'Restarting…',
  },
  delta: {
    title: 'Bring the destination up to date',
    intro: 'run a delta pass',
    submit: 'Start the delta pass',
    busy: 'Starting…',
  },
  verify: {
    title: 'Verify this migration again',
    intro: 'verify it',
    submit: 'Verify',
    busy: 'Starting…',
  },
  'verify-deep': {
    title: 'Verify this migration in depth',
    intro: 'verify it',
    submit: 'Verify',
    busy: 'Starting…',
  },
} as const;

const SECURITY_LABELS = { tls: 'TLS', starttls: 'STARTTLS', none: 'no encryption' } as const;

/**
 * One account of the job, signed in again: with a freshly typed password, or at its OAuth
 * provider (the browser leaves for its sign-in and the dialog opens again on coming back).
 */
class RestartAccount {
  readonly password = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(1024)],
  });
  readonly state = new AccountState();
  readonly typed = toSignal(this.password.valueChanges, { initialValue: '' });
  /** "Google", "Microsoft 365"; null for a password account. */
  readonly providerName: string | null;
  /** Signed in, or a password typed to sign in with. */
  readonly ready = computed(() =>
    this.providerName ? this.state.authenticated() : this.typed() !== '',
  );

  constructor(
    readonly side: AccountSide,
    readonly label: string,
    readonly account: JobAccountView,
    returned: ReturnedSignIn | undefined,
  ) {
    this.providerName = account.provider && OAUTH_PROVIDER_NAMES[account.provider];
    if (returned) this.state.restoreOutcome(returned);
    // A new password invalidates the earlier verification.
    this.password.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.state.edited());
  }

  get where(): string {
    const { host, port, security } = this.account;
    return `${host}:${port} · ${SECURITY_LABELS[security]}`;
  }

  request(): VerifyImapRequest {
    const { host, port, security, username, tlsInsecure } = this.account;
    const request: VerifyImapRequest = {
      side: this.side,
      host,
      port,
      security,
      username,
      password: this.password.value,
    };
    if (security !== 'none' && tlsInsecure) request.tlsInsecure = true;
    return request;
  }
}

/**
 * Signs both accounts in again (everything but the password or the provider's sign-in comes
 * from the job), then restarts the job (closes with the new job's id) or verifies it again
 * (closes with the job).
 */
@Component({
  selector: 'btsx-restart-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    IconComponent,
  ],
  templateUrl: './restart-dialog.component.html',
  styleUrl: './restart-dialog.component.scss',
})
export class RestartDialogComponent {
  private readonly api = inject(BtsxApi);
  private readonly ref =
    inject<MatDialogRef<RestartDialogComponent, RestartDialogResult>>(MatDialogRef);
  private readonly browser = inject(BrowserLocation);
  private readonly data = inject<RestartDialogData>(MAT_DIALOG_DATA);
  protected readonly job = this.data.job;
  protected readonly purpose = this.data.purpose ?? 'restart';
  protected readonly wording = WORDING[this.purpose];

  protected readonly accounts = [
    new RestartAccount('source', 'Source account', this.job.source, this.data.returned?.source),
    new RestartAccount(
      'destination',
      'Destination account',
      this.job.destination,
      this.data.returned?.destination,
    ),
  ] as const;
  protected readonly why = this.accounts.some((a) => a.providerName)
    ? `Your sign-ins were deleted when the job ended: sign in again to ${this.wording.intro}.`
    : `Your passwords were deleted when the job ended: enter them again to ${this.wording.intro}.`;
  protected readonly restarting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly verifying = computed(() => this.accounts.some((a) => a.state.verifying()));
  protected readonly canRestart = computed(
    () => this.accounts.every((a) => a.ready()) && !this.verifying() && !this.restarting(),
  );

  /**
   * Leaves for the provider's sign-in, which comes back to this job's page; that page opens
   * this dialog again. A password typed meanwhile is not kept: it is asked for again.
   */
  protected signIn(account: RestartAccount): void {
    const provider = account.account.provider;
    if (!provider) return;
    const signedIn: Partial<Record<AccountSide, string>> = {};
    for (const a of this.accounts) {
      const credentialId = a.state.credentialId();
      if (a.providerName && credentialId) signedIn[a.side] = credentialId;
    }
    keepSignInAgain(this.browser, {
      version: 1,
      jobId: this.job.id,
      purpose: this.purpose,
      side: account.side,
      signedIn,
    });
    this.browser.assign(
      oauthStartUrl(provider, account.side, `/jobs/${encodeURIComponent(this.job.id)}`),
    );
  }

  /** A plain form (no form group): the page must not navigate on submit. */
  protected submit(event: Event): void {
    event.preventDefault();
    void this.restart();
  }

  private async restart(): Promise<void> {
    if (!this.canRestart()) return;
    this.error.set(null);
    // An account verified on an earlier try keeps its credential until its password changes.
    const verified = await Promise.all(
      this.accounts.map(
        (a) => a.state.authenticated() || verifyAccount(this.api, a.state, a.request()),
      ),
    );
    if (!verified.every(Boolean)) return;
    const [source, destination] = this.accounts;
    this.restarting.set(true);
    try {
      const logins: RestartJobRequest = {
        sourceCredentialId: source.state.credentialId()!,
        destinationCredentialId: destination.state.credentialId()!,
      };
      this.ref.close(await this.send(logins));
    } catch (error) {
      this.error.set(describeApiError(error));
      // The server may have refused these credentials: the next try signs in afresh.
      for (const a of this.accounts) a.state.edited();
    } finally {
      this.restarting.set(false);
    }
  }

  /** The restart (its new job's id) or the verification (the job) the dialog was opened for. */
  private async send(logins: RestartJobRequest): Promise<RestartDialogResult> {
    const { id } = this.job;
    switch (this.purpose) {
      case 'restart':
        return (await this.api.restartJob(id, logins)).id;
      case 'delta':
        return (await this.api.restartJob(id, { ...logins, delta: true })).id;
      default:
        return this.api.verifyJob(
          id,
          this.purpose === 'verify-deep' ? { ...logins, deep: true } : logins,
        );
    }
  }
}
