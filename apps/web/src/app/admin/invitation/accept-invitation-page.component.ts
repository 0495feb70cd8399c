import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { MIN_ADMIN_PASSWORD_LENGTH } from '@btsx/contracts/core';
import { describeApiError } from '../../shared/api/api-error';
import { AdminApi } from '../admin-api.service';

/**
 * /admin/invitation#TOKEN: the invited admin sets a password. The token rides in the
 * fragment, which the browser never sends, so no server or proxy log holds it.
 */
@Component({
  selector: 'btsx-accept-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  template: `
    <mat-card appearance="outlined" class="accept">
      <mat-card-header><mat-card-title>Accept your invitation</mat-card-title></mat-card-header>
      <form [formGroup]="form" (ngSubmit)="accept()">
        <mat-card-content>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="new-password"
            />
            <mat-hint>At least {{ minLength }} characters</mat-hint>
          </mat-form-field>
          @if (!token) {
            <p class="error" role="alert">This link has no invitation in it: ask for a new one.</p>
          }
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        </mat-card-content>
        <mat-card-actions>
          <button mat-flat-button type="submit" [disabled]="!token || busy() || form.invalid">
            Set password
          </button>
        </mat-card-actions>
      </form>
    </mat-card>
  `,
  styles: `
    .accept {
      max-width: 420px;
      margin: 48px auto;
    }
    mat-form-field {
      display: block;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class AcceptInvitationPageComponent {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);

  protected readonly token = inject(ActivatedRoute).snapshot.fragment ?? '';
  protected readonly minLength = MIN_ADMIN_PASSWORD_LENGTH;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    password: ['', [Validators.required, Validators.minLength(MIN_ADMIN_PASSWORD_LENGTH)]],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async accept(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.acceptInvite(decodeURIComponent(this.token), this.form.getRawValue().password);
      await this.router.navigateByUrl('/admin/login');
    } catch (error) {
      this.error.set(describeApiError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
