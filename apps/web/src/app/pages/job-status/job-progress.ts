import type { JobProgressEvent, JobView } from '@btsx/contracts';

/**
 * The job's view with a progress event applied: the stream sends what changed (status,
 * counters, changed folder rows by index, failures and audit when they changed), so the page
 * never fetches the whole job again while it runs.
 */
export function applyProgress(view: JobView, event: JobProgressEvent): JobView {
  let folders = view.folders;
  if (event.folders?.length) {
    folders = [...view.folders];
    for (const { position, ...folder } of event.folders) folders[position] = folder;
  }
  return {
    ...view,
    status: event.status,
    counters: event.counters,
    folders,
    failures: event.failures ?? view.failures,
    audit: event.audit === undefined ? view.audit : event.audit,
    waitingUntil: event.waitingUntil === undefined ? view.waitingUntil : event.waitingUntil,
  };
}
