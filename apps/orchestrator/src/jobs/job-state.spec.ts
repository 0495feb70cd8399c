import { JobState } from './job-state';
import { EMPTY_TALLY, TaskTally } from './task-tally';

const tally = (t: Partial<TaskTally>): TaskTally => ({ ...EMPTY_TALLY, ...t });
const running = { status: 'running' as const, planned: true, options: { foldersOnly: false } };

describe('JobState.outcome', () => {
  it('waits for the plan', () => {
    const done = tally({ tasks: 1, done: 1, copied: 3 });
    expect(
      new JobState({ ...running, status: 'queued', planned: false }, done).outcome(),
    ).toBeNull();
  });

  it('waits while a task is pending or copying', () => {
    expect(new JobState(running, tally({ tasks: 2, done: 1, copying: 1 })).outcome()).toBeNull();
    expect(new JobState(running, tally({ tasks: 2, done: 1, pending: 1 })).outcome()).toBeNull();
  });

  it('completes a plan without tasks at once (empty mailbox, Folders Only)', () => {
    expect(new JobState(running, tally({})).outcome()?.status).toBe('completed');
  });

  it('reports the folders a Folders Only job created, and that no message was copied', () => {
    const foldersOnly = { ...running, options: { foldersOnly: true } };
    expect(new JobState(foldersOnly, tally({}), 3).outcome()).toEqual({
      status: 'completed',
      error: null,
      line: {
        level: 'info',
        message: 'Folder structure created: 3 folders (Folders Only: no messages copied)',
      },
    });
    expect(new JobState(foldersOnly, tally({}), 1).outcome()?.line.message).toContain('1 folder (');
  });

  it('completes when every task is done without failures', () => {
    const outcome = new JobState(
      running,
      tally({ tasks: 2, done: 2, copied: 12, skipped: 1 }),
    ).outcome();
    expect(outcome).toEqual({
      status: 'completed',
      error: null,
      line: { level: 'info', message: 'Migration completed: 12 copied, 1 skipped, 0 failed' },
    });
  });

  it('completes with errors when messages failed', () => {
    const outcome = new JobState(
      running,
      tally({ tasks: 1, done: 1, copied: 5, failed: 1 }),
    ).outcome();
    expect(outcome?.status).toBe('completed_with_errors');
    expect(outcome?.line.level).toBe('warning');
  });

  it('completes with errors when some tasks failed', () => {
    const t = tally({ tasks: 2, done: 1, failedTasks: 1, copied: 5 });
    expect(new JobState(running, t).outcome()?.status).toBe('completed_with_errors');
  });

  it('fails when every task failed', () => {
    const outcome = new JobState(running, tally({ tasks: 2, failedTasks: 2 })).outcome();
    expect(outcome?.status).toBe('failed');
    expect(outcome?.error).toBeTruthy();
    expect(outcome?.line.level).toBe('error');
  });

  it('completes with errors when the destination refused a folder, fails when it refused all', () => {
    const outcome = new JobState(running, tally({ tasks: 1, done: 1, copied: 4 }), 2, 1).outcome();
    expect(outcome).toEqual({
      status: 'completed_with_errors',
      error: null,
      line: {
        level: 'warning',
        message:
          'Migration completed with errors: 4 copied, 0 skipped, 0 failed, 1 folder not created',
      },
    });
    expect(new JobState(running, tally({}), 2, 2).outcome()?.status).toBe('failed');
  });

  it('never moves a terminal job, so a cancelled job stays cancelled', () => {
    const cancelled = { ...running, status: 'cancelled' as const };
    expect(new JobState(cancelled, tally({ tasks: 1, done: 1 })).outcome()).toBeNull();
  });
});

describe('JobState.folderState', () => {
  it('is pending until a task starts', () => {
    expect(JobState.folderState(tally({ tasks: 2, pending: 2 }))).toBe('pending');
  });

  it('is copying while some task works or waits after another', () => {
    expect(JobState.folderState(tally({ tasks: 2, copying: 1, pending: 1 }))).toBe('copying');
    expect(JobState.folderState(tally({ tasks: 2, done: 1, pending: 1 }))).toBe('copying');
  });

  it('is done when every task is done, failed when one of them failed', () => {
    expect(JobState.folderState(tally({ tasks: 2, done: 2 }))).toBe('done');
    expect(JobState.folderState(tally({ tasks: 2, done: 1, failedTasks: 1 }))).toBe('failed');
  });

  it('is done without tasks', () => {
    expect(JobState.folderState(tally({}))).toBe('done');
  });

  it('is failed, without tasks, when the destination refused to create it', () => {
    expect(JobState.folderState(tally({}), true)).toBe('failed');
  });
});
