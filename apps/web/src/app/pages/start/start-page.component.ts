import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import type { CreateJobRequest, CreateScheduleRequest, JobOptions } from '@btsx/contracts';
import { parseOAuthFragment, type OAuthProviderId, type OAuthSide } from '@btsx/contracts/core';
import {
  AccountCardComponent,
  SERVER_TYPE_OF,
} from '../../shared/account-card/account-card.component';
import { EMPTY_DRAFT } from '../../shared/account-card/account-draft';
import { AccountState } from '../../shared/account-card/account-state';
import { describeApiError } from '../../shared/api/api-error';
import { BtsxApi } from '../../shared/api/btsx-api.service';
import { IconComponent } from '../../shared/icon/icon.component';
import { BrowserLocation } from '../../shared/oauth/browser-location';
import { oauthStartUrl } from '../../shared/oauth/oauth-providers.service';
import { saveStartPage, seedsFor, takeStartPage } from './start-page-memory';
import { map, merge } from 'rxjs';
import { checkedBy, validity } from './form-checks';
import { PlanCardComponent } from './plan-card.component';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { scheduleRefusal, scheduleRequest } from './schedule-fields';
import { createScheduleForm, ScheduleSectionComponent } from './schedule-section.component';
import { PlanPreview } from './plan-preview';
import {
  DEFAULT_OPTIONS,
  folderFields,
  folderRules,
  messageFields,
  messageFieldsProblem,
  messageFilter,
  missingForPreview,
  missingForStart,
  NO_MESSAGE_FILTER,
  OPTION_CHOICES,
  patternsProblem,
  rulesProblem,
} from './start-rules';
import { NO_SPEED_LIMIT, speedFields, speedFieldsProblem, speedLimits } from './speed-fields';

const compiles = checkedBy(patternsProblem, 'pattern');
const rulesCompile = checkedBy(rulesProblem, 'rule');
/** On the whole group: the dates are compared with each other. */
const filterApplies = checkedBy(messageFieldsProblem, 'filter');
const speedApplies = checkedBy(speedFieldsProblem, 'speed');

@Component({
  selector: 'btsx-start-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    AccountCardComponent,
    IconComponent,
    PlanCardComponent,
    ScheduleSectionComponent,
  ],
  templateUrl: './start-page.component.html',
  styleUrl: './start-page.component.scss',
})
export class StartPageComponent {
  private readonly api = inject(BtsxApi);
  private readonly router = inject(Router);
  private readonly browser = inject(BrowserLocation);

  protected readonly source = new AccountState();
  protected readonly destination = new AccountState();
  protected readonly choices = OPTION_CHOICES;
  protected readonly options = new FormGroup({
    deleteSource: new FormControl(DEFAULT_OPTIONS.deleteSource, { nonNullable: true }),
    foldersOnly: new FormControl(DEFAULT_OPTIONS.foldersOnly, { nonNullable: true }),
    progressUpdates: new FormControl(DEFAULT_OPTIONS.progressUpdates, { nonNullable: true }),
    reconcileExisting: new FormControl(DEFAULT_OPTIONS.reconcileExisting, { nonNullable: true }),
    verify: new FormControl(DEFAULT_OPTIONS.verify !== false, { nonNullable: true }),
  });
  /** Which folders: patterns, one a line (JobOptions.folders). */
  protected readonly folders = new FormGroup({
    include: new FormControl('', { nonNullable: true, validators: compiles }),
    exclude: new FormControl('', { nonNullable: true, validators: compiles }),
    map: new FormControl('', { nonNullable: true, validators: rulesCompile }),
  });
  /** Open when the page comes back with folder rules; otherwise the person opens it. */
  protected foldersOpen = false;
  private readonly foldersValid = validity(this.folders);
  /** Which messages (JobOptions.messages). */
  protected readonly messages = new FormGroup(
    {
      since: new FormControl(NO_MESSAGE_FILTER.since, { nonNullable: true }),
      before: new FormControl(NO_MESSAGE_FILTER.before, { nonNullable: true }),
      maxMegabytes: new FormControl<number | null>(NO_MESSAGE_FILTER.maxMegabytes),
      skipDeleted: new FormControl(NO_MESSAGE_FILTER.skipDeleted, { nonNullable: true }),
    },
    { validators: filterApplies },
  );
  /** Open when the page comes back with a message filter. */
  protected messagesOpen = false;
  private readonly messagesValid = validity(this.messages);
  /** Where to mail when the job ends or needs attention; empty for no mail. */
  protected readonly notifyEmail = new FormControl('', {
    nonNullable: true,
    validators: Validators.email,
  });
  /** How fast at most (JobOptions.limits). */
  protected readonly speed = new FormGroup(
    {
      megabytesPerSecond: new FormControl<number | null>(NO_SPEED_LIMIT.megabytesPerSecond),
      messagesPerSecond: new FormControl<number | null>(NO_SPEED_LIMIT.messagesPerSecond),
    },
    { validators: speedApplies },
  );
  /** Open when the page comes back with speed limits. */
  protected speedOpen = false;
  private readonly speedValid = validity(this.speed);
  /** When: now, or on a schedule (the first pass, then delta passes until the final pass). */
  protected readonly schedule = createScheduleForm();
  private readonly scheduleValid = validity(this.schedule);
  protected readonly scheduled = toSignal(
    this.schedule.controls.when.valueChanges.pipe(map((when) => when === 'schedule')),
    { initialValue: false },
  );
  protected readonly scheduleRefusal = computed(() =>
    scheduleRefusal(this.source.signsInWithProvider(), this.destination.signsInWithProvider()),
  );
  protected readonly terms = new FormControl(false, { nonNullable: true });
  private readonly termsAgreed = toSignal(this.terms.valueChanges, { initialValue: false });

  /** The options as Start sends them, following every field. */
  private readonly currentOptions = toSignal(
    merge(
      this.options.valueChanges,
      this.folders.valueChanges,
      this.messages.valueChanges,
      this.speed.valueChanges,
    ).pipe(map(() => this.jobOptions())),
    { initialValue: this.jobOptions() },
  );
  /** What Start and Preview send; null until both accounts are authenticated. */
  private readonly request = computed((): CreateJobRequest | null => {
    const sourceCredentialId = this.source.credentialId();
    const destinationCredentialId = this.destination.credentialId();
    if (!sourceCredentialId || !destinationCredentialId) return null;
    return { sourceCredentialId, destinationCredentialId, options: this.currentOptions() };
  });
  protected readonly preview = new PlanPreview(this.request, (request) =>
    this.api.planJob(request),
  );

  protected readonly starting = signal(false);
  protected readonly startError = signal<string | null>(null);
  private readonly readiness = computed(() => ({
    sourceAuthenticated: this.source.authenticated(),
    destinationAuthenticated: this.destination.authenticated(),
    termsAgreed: this.termsAgreed(),
    foldersValid: this.foldersValid(),
    messagesValid: this.messagesValid(),
    speedValid: this.speedValid(),
    scheduleValid: this.scheduleValid(),
  }));
  protected readonly missing = computed(() => missingForStart(this.readiness()));
  protected readonly canStart = computed(() => this.missing().length === 0 && !this.starting());
  protected readonly canPreview = computed(
    () => missingForPreview(this.readiness()).length === 0 && !this.preview.loading(),
  );
  protected readonly missingText = computed(() => {
    const items = this.missing();
    if (items.length === 0) return '';
    const list =
      items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
    return `To start, ${list}.`;
  });

  constructor() {
    this.restore();
    // A schedule sends no notifications (the API takes none for it): the field says so.
    effect(() => {
      if (this.scheduled()) this.notifyEmail.disable();
      else this.notifyEmail.enable();
    });
  }

  /** Saves both cards, the options and the terms, then leaves for the provider's sign-in. */
  protected beginOAuth(side: OAuthSide, provider: OAuthProviderId): void {
    const saved = (state: AccountState) => ({
      draft: state.draft ?? EMPTY_DRAFT,
      credentialId: state.credentialId(),
    });
    saveStartPage(this.browser.sessionStorage(), {
      version: 1,
      source: saved(this.source),
      destination: saved(this.destination),
      options: this.jobOptions(),
      terms: this.terms.value,
      pending: { side, serverType: SERVER_TYPE_OF[provider] },
    });
    this.browser.assign(oauthStartUrl(provider, side, '/'));
  }

  /** Back from a provider: the saved page, with the answer of the fragment applied. */
  private restore(): void {
    const memory = takeStartPage(this.browser.sessionStorage());
    const result = parseOAuthFragment(this.browser.hash());
    if (result) this.browser.clearHash();
    if (memory) {
      const { folders, messages, limits, ...switches } = { ...DEFAULT_OPTIONS, ...memory.options };
      this.options.setValue({ ...switches, verify: switches.verify !== false });
      this.folders.setValue(folderFields({ folders }));
      this.foldersOpen = folders !== undefined;
      this.messages.setValue(messageFields({ messages }));
      this.messagesOpen = messages !== undefined;
      this.speed.setValue(speedFields({ limits }));
      this.speedOpen = limits !== undefined;
      this.terms.setValue(memory.terms === true);
    }
    const seeds = seedsFor(memory, result);
    if (seeds.source) this.source.plant(seeds.source);
    if (seeds.destination) this.destination.plant(seeds.destination);
  }

  protected async start(): Promise<void> {
    const request = this.request();
    if (!this.canStart() || !request) return;
    if (this.notifyEmail.invalid) {
      this.startError.set('Enter an e-mail address to be notified at, or leave it empty');
      return;
    }
    this.starting.set(true);
    this.startError.set(null);
    const email = this.notifyEmail.value.trim();
    try {
      await this.router.navigate(
        this.scheduled()
          ? ['/schedules', (await this.api.createSchedule(this.scheduleOf(request))).id]
          : [
              '/jobs',
              (await this.api.createJob({ ...request, ...(email && { notify: { email } }) })).id,
            ],
      );
    } catch (error) {
      this.startError.set(describeApiError(error));
    } finally {
      this.starting.set(false);
    }
  }

  private scheduleOf(request: CreateJobRequest): CreateScheduleRequest {
    return scheduleRequest(request, this.schedule.getRawValue(), browserTimeZone());
  }

  private jobOptions(): JobOptions {
    return {
      ...this.options.getRawValue(),
      ...folderRules(this.folders.getRawValue()),
      ...messageFilter(this.messages.getRawValue()),
      ...speedLimits(this.speed.getRawValue()),
    };
  }
}
