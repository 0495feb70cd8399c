import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import {
  ADMIN_SSO_ERROR_PARAM,
  ADMIN_SSO_ERRORS,
  type AdminSsoInfo,
  API_ROUTES,
} from '@btsx/contracts/core';
import { describeApiError, errorStatus } from '../../shared/api/api-error';
import { AdminApi } from '../admin-api.service';

@Component({
  selector: 'btsx-admin-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  template: `
    <mat-card appearance="outlined" class="login">
      <mat-card-header><mat-card-title>Admin sign-in</mat-card-title></mat-card-header>
      @if (sso()?.enabled) {
        <mat-card-content class="sso">
          <a mat-stroked-button [href]="ssoStartUrl">Sign in with {{ sso()?.label }}</a>
        </mat-card-content>
      }
      <form [formGroup]="form" (ngSubmit)="signIn()">
        <mat-card-content>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="current-password"
            />
          </mat-form-field>
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        </mat-card-content>
        <mat-card-actions>
          <button mat-flat-button type="submit" [disabled]="busy() || form.invalid">Sign in</button>
        </mat-card-actions>
      </form>
    </mat-card>
  `,
  styles: `
    .login {
      max-width: 420px;
      margin: 48px auto;
    }
    mat-form-field {
      display: block;
    }
    .sso {
      margin-top: 16px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class AdminLoginPageComponent {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  /** A refused single sign-on comes back here with its reason's code. */
  protected readonly error = signal<string | null>(
    ssoErrorText(this.route.snapshot.queryParamMap.get(ADMIN_SSO_ERROR_PARAM)),
  );
  protected readonly sso = signal<AdminSsoInfo | null>(null);
  /** A page the browser goes to (the provider's sign-in and back), not an API call. */
  protected readonly ssoStartUrl = API_ROUTES.adminSsoStart.path();

  constructor() {
    // Without an answer the password form alone is shown: it always works.
    this.api.sso().then(
      (info) => this.sso.set(info),
      () => undefined,
    );
  }

  protected async signIn(): Promise<void> {
    const { email, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.login(email, password);
      const next = this.route.snapshot.queryParamMap.get('next');
      await this.router.navigateByUrl(next?.startsWith('/admin') ? next : '/admin');
    } catch (error) {
      this.error.set(
        errorStatus(error) === 401 ? 'Wrong email or password.' : describeApiError(error),
      );
    } finally {
      this.busy.set(false);
    }
  }
}

function ssoErrorText(code: string | null): string | null {
  if (code === null) return null;
  return Object.hasOwn(ADMIN_SSO_ERRORS, code)
    ? ADMIN_SSO_ERRORS[code as keyof typeof ADMIN_SSO_ERRORS]
    : 'Single sign-on failed. Please try again.';
}
