import { ChangeDetectionStrategy, Component } from '@angular/core';
import {
  BATCH_PASSWORDS_TERMS,
  SCHEDULE_OAUTH_TERMS,
  SCHEDULE_PASSWORDS_TERMS,
} from '../../shared/schedule/schedule-terms';

/** How long a finished job is kept; must match the orchestrator's retention setting. */
const JOB_RETENTION_DAYS = 7;

@Component({
  selector: 'btsx-terms-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './terms-page.component.html',
  styleUrl: './terms-page.component.scss',
})
export class TermsPageComponent {
  protected readonly retentionDays = JOB_RETENTION_DAYS;
  protected readonly schedulePasswords = SCHEDULE_PASSWORDS_TERMS;
  protected readonly scheduleOAuth = SCHEDULE_OAUTH_TERMS;
  protected readonly batchPasswords = BATCH_PASSWORDS_TERMS;
}
