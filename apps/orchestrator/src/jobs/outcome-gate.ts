import { EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';
import { Outcome } from './job-state';
import { StatusLine } from './status-lines';

/**
 * Stands between the end of the copy and the end of the job. Once every task is over,
 * JobUpdater asks it for the job's final outcome: the copy's own, another one, or none yet
 * while it holds the job open. Jobs owns the question; the audit answers it (the job waits
 * for its audit, whose findings can change the outcome). An abstract class rather than an
 * interface, so that Nest can inject by it.
 */
export abstract class OutcomeGate {
  /**
   * Inside the job's locked transaction: the job's final outcome, or null to hold it open.
   * `folders` counts the plan's folders; `say` adds lines to the job's log.
   */
  abstract settle(
    tx: EntityManager,
    job: JobEntity,
    copied: Outcome,
    folders: number,
    say: (line: StatusLine) => void,
  ): Promise<Outcome | null>;

  /** After every committed change of the job: sends what holding it open asked for. */
  abstract afterCommit(job: JobEntity): Promise<void>;
}
