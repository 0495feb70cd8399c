import { JobFolderChange, JobFolderView, JobProgressEvent, JobView } from '@btsx/contracts';

/**
 * What one client has been sent of a job's view, and what it lacks of the next one: status
 * and counters every time, folder rows that changed (by index), failures and audit when
 * they changed. The first event carries all of it: a client that reconnects after a dropped
 * connection may have missed anything.
 */
export class ProgressDiff {
  private first = true;
  private core = '';
  private readonly folders: JobFolderView[] = [];
  private failures = '';
  private audit = '';

  /** The progress event the client needs, or null when nothing it shows changed. */
  next(view: JobView): JobProgressEvent | null {
    const { status, counters, waitingUntil } = view;
    const event: JobProgressEvent = { status, counters, waitingUntil };
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

  /**
   * Compared field by field: a page of a thousand-folder job is diffed several times a second,
   * and writing every row out as JSON to compare it was most of the orchestrator's time spent
   * on the stream.
   */
  private changedFolders(folders: JobView['folders']): JobFolderChange[] {
    const changed: JobFolderChange[] = [];
    folders.forEach((folder, position) => {
      const sent = this.folders[position];
      if (sent && sameRow(sent, folder)) return;
      this.folders[position] = folder;
      changed.push({ ...folder, position });
    });
    return changed;
  }
}

/** Every field of a folder row (the compiler checks the list); each a string, number or null. */
const FOLDER_FIELDS = Object.keys({
  source: true,
  destination: true,
  total: true,
  copied: true,
  skipped: true,
  failed: true,
  filtered: true,
  state: true,
  error: true,
  rule: true,
} satisfies Record<keyof JobFolderView, true>) as (keyof JobFolderView)[];

function sameRow(a: JobFolderView, b: JobFolderView): boolean {
  return FOLDER_FIELDS.every((field) => a[field] === b[field]);
}
