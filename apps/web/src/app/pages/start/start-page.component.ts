import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import type { JobOptions } from '@btsx/contracts';
import { AccountCardComponent } from '../../shared/account-card/account-card.component';
import { AccountState } from '../../shared/account-card/account-state';
import { describeApiError } from '../../shared/api/api-error';
import { BtsxApi } from '../../shared/api/btsx-api.service';
import { IconComponent } from '../../shared/icon/icon.component';
import { DEFAULT_OPTIONS, missingForStart, OPTION_CHOICES } from './start-rules';

@Component({
  selector: 'btsx-start-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatProgressSpinnerModule,
    AccountCardComponent,
    IconComponent,
  ],
  templateUrl: './start-page.component.html',
  styleUrl: './start-page.component.scss',
})
export class StartPageComponent {
  private readonly api = inject(BtsxApi);
  private readonly router = inject(Router);

  protected readonly source = new AccountState();
  protected readonly destination = new AccountState();
  protected readonly choices = OPTION_CHOICES;
  protected readonly options = new FormGroup({
    deleteSource: new FormControl(DEFAULT_OPTIONS.deleteSource, { nonNullable: true }),
    foldersOnly: new FormControl(DEFAULT_OPTIONS.foldersOnly, { nonNullable: true }),
    progressUpdates: new FormControl(DEFAULT_OPTIONS.progressUpdates, { nonNullable: true }),
    replaceExisting: new FormControl(DEFAULT_OPTIONS.replaceExisting, { nonNullable: true }),
  });
  protected readonly terms = new FormControl(false, { nonNullable: true });
  private readonly termsAgreed = toSignal(this.terms.valueChanges, { initialValue: false });

  protected readonly starting = signal(false);
  protected readonly startError = signal<string | null>(null);
  protected readonly missing = computed(() =>
    missingForStart({
      sourceAuthenticated: this.source.authenticated(),
      destinationAuthenticated: this.destination.authenticated(),
      termsAgreed: this.termsAgreed(),
    }),
  );
  protected readonly canStart = computed(() => this.missing().length === 0 && !this.starting());
  protected readonly missingText = computed(() => {
    const items = this.missing();
    if (items.length === 0) return '';
    const list =
      items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
    return `To start, ${list}.`;
  });

  protected async start(): Promise<void> {
    const sourceCredentialId = this.source.credentialId();
    const destinationCredentialId = this.destination.credentialId();
    if (!this.canStart() || !sourceCredentialId || !destinationCredentialId) return;
    this.starting.set(true);
    this.startError.set(null);
    try {
      const options: JobOptions = this.options.getRawValue();
      const { id } = await this.api.createJob({
        sourceCredentialId,
        destinationCredentialId,
        options,
      });
      await this.router.navigate(['/jobs', id]);
    } catch (error) {
      this.startError.set(describeApiError(error));
    } finally {
      this.starting.set(false);
    }
  }
}
