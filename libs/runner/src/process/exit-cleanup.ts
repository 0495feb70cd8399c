// Servers run detached (their own process group), so they would outlive a crashed or
// forgetful test process. Every starter registers a synchronous kill here; it runs on exit.
const cleanups = new Set<() => void>();

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

let installed = false;

/** Registers a synchronous cleanup for process exit; returns the function that unregisters it. */
export function onProcessExit(cleanup: () => void): () => void {
  if (!installed) {
    process.once('exit', runAll);
    installed = true;
  }
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
