import { CopyTask } from '@btsx/contracts';
import { randomUUID } from 'node:crypto';

/** A well-formed copy task of INBOX for bus tests; ids are random unless given. */
export function copyTaskFixture(fields: Partial<CopyTask> & { taskId: string }): CopyTask {
  const id = randomUUID();
  return {
    jobId: id,
    sourceFolder: 'INBOX',
    destinationFolder: 'INBOX',
    uidFrom: 1,
    options: {
      deleteSource: false,
      foldersOnly: false,
      progressUpdates: false,
      reconcileExisting: false,
    },
    ...fields,
  };
}
