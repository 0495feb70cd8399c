import { AuditFolderRequest, FolderAudit } from '@btsx/contracts';

export interface QueuedFolder {
  folder: AuditFolderRequest;
  index: number;
}

/**
 * One audit's folders, taken one at a time by several session pairs; results keep the
 * request's order. `allTaken` aborts once no folder is left to take, so a pair still
 * waiting for its connections gives up. A pair that fails while auditing a folder stops
 * the others: that folder has no result, and the whole audit is delivered again.
 */
export class FolderQueue {
  private next = 0;
  private stopped = false;
  private readonly audits = new Map<number, FolderAudit>();
  private readonly errors: unknown[] = [];
  private readonly taken = new AbortController();

  constructor(private readonly folders: readonly AuditFolderRequest[]) {
    if (folders.length === 0) this.taken.abort();
  }

  get allTaken(): AbortSignal {
    return this.taken.signal;
  }

  take(): QueuedFolder | undefined {
    if (this.stopped || this.next >= this.folders.length) return undefined;
    const index = this.next++;
    if (this.next === this.folders.length) this.taken.abort();
    return { folder: this.folders[index], index };
  }

  done(taken: QueuedFolder, audit: FolderAudit): void {
    this.audits.set(taken.index, audit);
  }

  /** A folder in hand failed: nobody takes another. */
  abandon(): void {
    this.stopped = true;
    this.taken.abort();
  }

  /** What made a pair end early; it matters only if a folder is left without a result. */
  fail(error: unknown): void {
    this.errors.push(error);
  }

  /** Every folder's audit in the request's order, or the first failure that left one out. */
  results(): FolderAudit[] {
    if (this.audits.size === this.folders.length) {
      return this.folders.map((_, index) => this.audits.get(index) as FolderAudit);
    }
    throw this.errors[0] ?? new Error('The audit ended with folders left unread');
  }
}
