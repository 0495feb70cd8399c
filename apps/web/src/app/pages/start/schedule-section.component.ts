import { ChangeDetectionStrategy, Component, effect, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MAX_EVERY_HOURS } from '@btsx/contracts/core';
import { SCHEDULE_PASSWORDS_TERMS } from '../../shared/schedule/schedule-terms';
import { browserTimeZone } from '../../shared/schedule/browser-time-zone';
import { checkedBy } from './form-checks';
import { NO_SCHEDULE, type ScheduleFields, scheduleFieldsProblem } from './schedule-fields';

const scheduleApplies = checkedBy(
  (fields: ScheduleFields) => scheduleFieldsProblem(fields, browserTimeZone()),
  'schedule',
);

export function createScheduleForm() {
  const field = <K extends keyof ScheduleFields>(key: K) =>
    new FormControl<ScheduleFields[K]>(NO_SCHEDULE[key], { nonNullable: true });
  return new FormGroup(
    {
      when: field('when'),
      start: field('start'),
      startAt: field('startAt'),
      everyHours: new FormControl<number | null>(NO_SCHEDULE.everyHours),
      endsAt: field('endsAt'),
      mirrorDeletions: field('mirrorDeletions'),
    },
    { validators: scheduleApplies },
  );
}

export type ScheduleForm = ReturnType<typeof createScheduleForm>;

/** The start page's "When": a job now, or a first pass and delta passes until the final pass. */
@Component({
  selector: 'btsx-schedule-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
  ],
  templateUrl: './schedule-section.component.html',
  styleUrl: './schedule-section.component.scss',
})
export class ScheduleSectionComponent {
  readonly form = input.required<ScheduleForm>();
  /** Why these accounts cannot be scheduled (a provider sign-in); null when they can. */
  readonly refusal = input<string | null>(null);

  protected readonly timeZone = browserTimeZone();
  protected readonly passwordsTerms = SCHEDULE_PASSWORDS_TERMS;
  protected readonly maxEveryHours = MAX_EVERY_HOURS;

  constructor() {
    // An account switched to a provider after "On a schedule" was chosen: back to a job now.
    effect(() => {
      const when = this.form().controls.when;
      if (this.refusal() !== null && when.value === 'schedule') when.setValue('now');
    });
  }
}
