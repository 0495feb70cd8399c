import type { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { AbstractControl, FormGroup, ValidationErrors } from '@angular/forms';
import { map } from 'rxjs';

/** A validator from a function that says what is wrong with a value: its words under `key`. */
export function checkedBy<T>(problemOf: (value: T) => string | null, key: string) {
  return (control: AbstractControl<T>): ValidationErrors | null => {
    const problem = problemOf(control.value);
    return problem ? { [key]: problem } : null;
  };
}

/** Whether a form group is valid, as a signal. */
export function validity(group: FormGroup): Signal<boolean> {
  return toSignal(group.statusChanges.pipe(map((status) => status === 'VALID')), {
    initialValue: true,
  });
}
