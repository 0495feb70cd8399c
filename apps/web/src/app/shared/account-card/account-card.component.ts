import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { DEFAULT_PORT, type OAuthProviderId } from '@btsx/contracts/core';
import { BtsxApi } from '../api/btsx-api.service';
import { IconComponent } from '../icon/icon.component';
import { OAuthProviders } from '../oauth/oauth-providers.service';
import { AccountSeed, applyDraft, draftOf } from './account-draft';
import { createAccountForm, ServerType, toVerifyRequest } from './account-form';
import { AccountState } from './account-state';
import { verifyAccount } from './verify-account';

export type AccountKind = 'source' | 'destination';

const PROVIDERS: Record<Exclude<ServerType, 'imap'>, { id: OAuthProviderId; name: string }> = {
  gmail: { id: 'google', name: 'Google' },
  microsoft: { id: 'microsoft', name: 'Microsoft' },
};

/** The server type a provider's card shows. */
export const SERVER_TYPE_OF: Record<OAuthProviderId, ServerType> = {
  google: 'gmail',
  microsoft: 'microsoft',
};

const SECURITY_LABELS = { tls: 'TLS', starttls: 'STARTTLS', none: 'None' } as const;

/** One mail account: where it is, how to sign in, and whether the sign-in was verified. */
@Component({
  selector: 'btsx-account-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    IconComponent,
  ],
  templateUrl: './account-card.component.html',
  styleUrl: './account-card.component.scss',
})
export class AccountCardComponent implements OnInit {
  readonly kind = input.required<AccountKind>();
  readonly state = input.required<AccountState>();
  /** The person asked to sign in at a provider: the page saves itself, then leaves. */
  readonly oauthStart = output<OAuthProviderId>();

  private readonly api = inject(BtsxApi);
  private readonly oauth = inject(OAuthProviders);

  protected readonly form = createAccountForm();
  protected readonly securityLabels = SECURITY_LABELS;
  protected readonly peek = signal(false);
  protected readonly advancedOpen = signal(false);
  protected readonly serverType = toSignal(this.form.controls.serverType.valueChanges, {
    initialValue: this.form.controls.serverType.value,
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.value });

  protected readonly title = computed(() =>
    this.kind() === 'source' ? 'Source account' : 'Destination account',
  );
  protected readonly subtitle = computed(() =>
    this.kind() === 'source' ? 'The mailbox you are moving from' : 'The mailbox you are moving to',
  );
  protected readonly provider = computed(() => {
    const type = this.serverType();
    if (type === 'imap') return null;
    const { id, name } = PROVIDERS[type];
    const availability = this.oauth.availability(id);
    return {
      id,
      name,
      button: `Authenticate with ${name}`,
      available: availability?.available === true,
      reason: availability?.reason ?? null,
    };
  });
  protected readonly advancedSummary = computed(() => {
    const { port, security } = this.values();
    return `Port ${port ?? '–'} · ${SECURITY_LABELS[security ?? 'tls']}`;
  });
  /** Browsers must not offer to save the source password: it is only needed once, here. */
  protected readonly passwordAutocomplete = computed(() =>
    this.kind() === 'source' ? 'off' : 'current-password',
  );

  constructor() {
    this.oauth.load();
    // Any edit invalidates a tick: it was earned by other values.
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.state().edited();
      this.state().draft = draftOf(this.form);
    });
    // A new security mode brings its usual port, unless the person chose a port themselves.
    this.form.controls.security.valueChanges.pipe(takeUntilDestroyed()).subscribe((security) => {
      const port = this.form.controls.port;
      if (!port.dirty) port.setValue(DEFAULT_PORT[security]);
    });
  }

  ngOnInit(): void {
    const seed = this.state().takeSeed();
    if (seed) this.restore(seed);
    this.state().draft = draftOf(this.form);
  }

  protected startOAuth(id: OAuthProviderId): void {
    if (this.provider()?.available) this.oauthStart.emit(id);
  }

  /** Fields first (their change clears any outcome), then the outcome they had. */
  private restore(seed: AccountSeed): void {
    applyDraft(this.form, seed.draft);
    this.state().restoreOutcome(seed);
  }

  protected async authenticate(): Promise<void> {
    const state = this.state();
    if (state.verifying() || this.serverType() !== 'imap') return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      if (this.form.controls.port.invalid) this.advancedOpen.set(true);
      return;
    }
    await verifyAccount(this.api, state, toVerifyRequest(this.form, this.kind()));
  }
}
