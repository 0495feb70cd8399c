import { FolderState } from '@btsx/contracts';
import { JobEntity } from './job.entity';
import { JobAnnouncer } from './job-announcer';
import { FolderMove } from './job-rows.sql';
import { JobStore } from './job-store';
import { JobUpdater } from './job-updater';
import { OutcomeGate } from './outcome-gate';
import { EMPTY_TALLY } from './task-tally';

/** A store whose transactions can be held open, counting them and the lines they add. */
function fakeStore() {
  const job = { id: 'job-1', planned: false, status: 'running' } as JobEntity;
  const state = {
    transactions: 0,
    lines: [] as string[][],
    hold: Promise.resolve(),
    tx: {} as object,
  };
  const store = {
    transaction: async (work: (tx: object) => Promise<unknown>) => {
      state.transactions += 1;
      await state.hold;
      return work(state.tx);
    },
    lockJob: async () => job,
    updateJob: async () => undefined,
    addLines: async (_tx: object, _id: string, lines: { message: string }[]) => {
      state.lines.push(lines.map((l) => l.message));
    },
  } as unknown as JobStore;
  return { store, state };
}

function updaterOver(store: JobStore): JobUpdater {
  const announcer = { changed: async () => undefined } as unknown as JobAnnouncer;
  const gate = { afterCommit: async () => undefined } as unknown as OutcomeGate;
  return new JobUpdater(store, announcer, gate);
}

/** An updater whose first transaction waits for `release()`: later changes queue meanwhile. */
function whileATransactionIsHeld() {
  const { store, state } = fakeStore();
  let release = () => {};
  state.hold = new Promise<void>((r) => (release = r));
  return { updater: updaterOver(store), state, release };
}

const saying =
  (message: string) =>
  async ({ say }: { say: (line: { level: 'info'; message: string }) => void }) =>
    say({ level: 'info', message });

/**
 * A planned job of one folder (INBOX, two tasks, one of them done) that the store saw
 * pending, while task progress has moved it to copying in the meantime.
 */
function aFolderProgressMovedFirst() {
  const { store, state } = fakeStore();
  const folder = { jobId: 'job-1', position: 0, source: 'INBOX', destination: 'INBOX' };
  let stored: FolderState = 'copying';
  const tally = { ...EMPTY_TALLY, tasks: 2, done: 1, copying: 1, copied: 3 };
  // What settling reads of the job, in one query (settle-reads.ts).
  const reads = {
    plan: tally,
    planned: 1,
    refused: 0,
    folders: [{ folder: { ...folder, state: 'pending', error: null }, tally }],
  };
  state.tx = { query: async () => [reads] };
  Object.assign(store, {
    lockJob: async () => ({ id: 'job-1', planned: true, status: 'running', options: {} }),
    // The rule of JobStore.moveFolders: a folder still in the state it was read in moves,
    // and so does one progress moved to copying when its end comes.
    moveFolders: async (_tx: object, _id: string, moves: FolderMove[]) => {
      const left = new Map<number, FolderState>();
      for (const { position, from, to } of moves) {
        const movable =
          stored === from || (from === 'pending' && to !== 'copying' && stored === 'copying');
        if (!movable) continue;
        left.set(position, stored);
        stored = to;
      }
      return left;
    },
  });
  return { updater: updaterOver(store), state };
}

describe('JobUpdater', () => {
  it('writes no second "Copying" line for a folder task progress moved meanwhile', async () => {
    const { updater, state } = aFolderProgressMovedFirst();
    await updater.update('job-1', async ({ touch }) => touch(0));
    expect(state.lines).toEqual([[]]);
  });

  it('applies the changes that arrive during a transaction together, in the next one', async () => {
    const { updater, state, release } = whileATransactionIsHeld();
    const first = updater.update('job-1', saying('a'));
    const rest = ['b', 'c', 'd'].map((m) => updater.update('job-1', saying(m)));
    release();
    await Promise.all([first, ...rest]);
    expect(state.transactions).toBe(2);
    expect(state.lines).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('gathers the changes of a job that was busy a moment ago into one transaction', async () => {
    const { store, state } = fakeStore();
    const updater = updaterOver(store);
    await updater.update('job-1', saying('a'));
    await Promise.all([updater.update('job-1', saying('b')), updater.update('job-1', saying('c'))]);
    expect(state.lines).toEqual([['a'], ['b', 'c']]);
  });

  it('applies a change after a quiet spell at once, alone', async () => {
    const { store, state } = fakeStore();
    const updater = updaterOver(store);
    await updater.update('job-1', saying('a'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([updater.update('job-1', saying('b')), updater.update('job-1', saying('c'))]);
    expect(state.lines).toEqual([['a'], ['b'], ['c']]);
  });

  it('gathers for longer once a job has been busy for a second', async () => {
    jest.useFakeTimers();
    try {
      const { store, state } = fakeStore();
      const updater = updaterOver(store);
      // A change every 100 ms: each comes after GATHER_MS and goes alone.
      for (let n = 0; n < 10; n++) {
        await updater.update('job-1', saying(`${n}`));
        await jest.advanceTimersByTimeAsync(100);
      }
      expect(state.lines).toHaveLength(10);
      const first = updater.update('job-1', saying('a'));
      await jest.advanceTimersByTimeAsync(100);
      const second = updater.update('job-1', saying('b'));
      await jest.advanceTimersByTimeAsync(200);
      await Promise.all([first, second]);
      expect(state.lines.slice(10)).toEqual([['a', 'b']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails only the change that failed when a group fails', async () => {
    const { updater, state, release } = whileATransactionIsHeld();
    const first = updater.update('job-1', saying('a'));
    const good = updater.update('job-1', saying('b'));
    const bad = updater.update('job-1', async () => {
      throw new Error('bad change');
    });
    const alsoGood = updater.update('job-1', saying('c'));
    release();
    await expect(bad).rejects.toThrow('bad change');
    await Promise.all([first, good, alsoGood]);
    expect(state.lines).toEqual([['a'], ['b'], ['c']]);
  });

  it('keeps the jobs apart: another job does not wait for this one', async () => {
    const { store, state } = fakeStore();
    const updater = updaterOver(store);
    await Promise.all([updater.update('job-1', saying('a')), updater.update('job-2', saying('b'))]);
    expect(state.transactions).toBe(2);
  });
});
