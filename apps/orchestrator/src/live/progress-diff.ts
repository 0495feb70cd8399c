import { JobFolderChange, JobProgressEvent, JobView } from '@btsx/contracts';

/**
 * What one client has been sent of a job's view, and what it lacks of the next one: status
 * and counters every time, folder rows that changed (by index), failures and audit when
 * they changed. The first event carries all of it: a client that reconnects after a dropped
 * connection may have missed anything.
 */
export class ProgressDiff {
  private first = true;
  private core = '';
  private readonly folders: string[] = [];
  private failures = '';
  private audit = '';

  /** The progress event the client needs, or null when nothing it shows changed. */
  next(view: JobView): JobProgressEvent | null {
    const event: JobProgressEvent = { status: view.status, counters: view.counters };
    const core = JSON.stringify(event);
    let changed = this.first || core !== this.core;
    this.core = core;
    const folders = this.changedFolders(view.folders ?? []);
    if (folders.length > 0 || this.first) event.folders = folders;
    const failures = JSON.stringify(view.failures ?? []);
    if (failures !== this.failures || this.first) event.failures = view.failures ?? [];
    const audit = JSON.stringify(view.audit ?? null);
    if (audit !== this.audit || this.first) event.audit = view.audit ?? null;
    changed ||= folders.length > 0 || failures !== this.failures || audit !== this.audit;
    this.failures = failures;
    this.audit = audit;
    this.first = false;
    return changed ? event : null;
  }

  private changedFolders(folders: JobView['folders']): JobFolderChange[] {
    const changed: JobFolderChange[] = [];
    folders.forEach((folder, position) => {
      const text = JSON.stringify(folder);
      if (this.folders[position] === text) return;
      this.folders[position] = text;
      changed.push({ ...folder, position });
    });
    return changed;
  }
}
