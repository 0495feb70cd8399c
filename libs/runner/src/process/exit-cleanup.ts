// Servers run detached (their own process group), so they would outlive a crashed or
// forgetful test process. Every starter registers a synchronous kill here; it runs on exit,
// and on a signal that would end the process without an exit event.
const cleanups = new Set<() => void>();

/** Signals whose default action ends Node without running 'exit' listeners. */
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

function runAll(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // The process is already gone: nothing left to clean.
    }
  }
  cleanups.clear();
}

/**
 * A signal nothing else listens for ends the process as before, after the cleanups: a
 * program that handles it itself (npm start stops gracefully) keeps doing so.
 */
function onEndingSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  runAll();
  process.removeListener(signal, onEndingSignal);
  process.kill(process.pid, signal);
}

let installed = false;

/** Registers a synchronous cleanup for process exit; returns the function that unregisters it. */
export function onProcessExit(cleanup: () => void): () => void {
  if (!installed) {
    process.once('exit', runAll);
    // First in line, so it sees the program's own listeners (even once-listeners) still there.
    for (const signal of ENDING_SIGNALS) process.prependListener(signal, onEndingSignal);
    installed = true;
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
