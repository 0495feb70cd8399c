import { AuditCopiedReply, AuditFolderRequest, JobAuditRequested } from '@btsx/contracts';

/** Asked again without a job.updated heard: a broadcast may be lost. */
const ASK_AGAIN_MS = 5_000;

/** The orchestrator dropped the audit (the job was cancelled, deleted, or failed whole). */
export class AuditGoneError extends Error {
  constructor(auditId: string) {
    super(`Audit ${auditId} is no longer wanted`);
  }
}

/** Resolves at the job's next change, after `ms`, or on abort; listens from the call on. */
export type NextChange = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The folders of an audit that follows the copy, handed out as their copy ends, each with the
 * refusals recorded for it. Asks the orchestrator (job.audit.copied) whenever the job changes,
 * and every ASK_AGAIN_MS besides.
 */
export class CopyFollower {
  /** The request's folders not yet handed out, by source path, in the request's order. */
  private readonly waiting: Map<string, AuditFolderRequest>;

  constructor(
    private readonly request: JobAuditRequested,
    private readonly ask: () => Promise<AuditCopiedReply>,
    private readonly nextChange: NextChange,
  ) {
    this.waiting = new Map(request.folders.map((folder) => [folder.source, folder]));
  }

  /** Every folder was handed out. */
  get finished(): boolean {
    return this.waiting.size === 0;
  }

  /**
   * The folders copied since the last call, waiting for at least one; [] once every folder
   * was handed out, or after `idleMs` without one.
   */
  async next(signal: AbortSignal, idleMs = Infinity): Promise<AuditFolderRequest[]> {
    const giveUpAt = performance.now() + idleMs;
    while (!this.finished) {
      signal.throwIfAborted();
      const wait = Math.min(ASK_AGAIN_MS, Math.max(0, giveUpAt - performance.now()));
      const changed = this.nextChange(wait, signal);
      const reply = await this.ask();
      if (reply.state === 'gone') throw new AuditGoneError(this.request.auditId);
      const ready = this.take(reply);
      if (ready.length > 0) return ready;
      if (performance.now() >= giveUpAt) return [];
      await changed;
    }
    return [];
  }

  /** The waiting folders the reply names; all of them once every task is over. */
  private take(reply: AuditCopiedReply): AuditFolderRequest[] {
    const refused = new Map(reply.folders.map((f) => [f.source, f.refusedUids]));
    const ready = [...this.waiting.values()].filter(
      (folder) => refused.has(folder.source) || reply.state === 'copied',
    );
    for (const folder of ready) this.waiting.delete(folder.source);
    return ready.map((folder) => ({ ...folder, refusedUids: refused.get(folder.source) ?? [] }));
  }
}
