// A program that starts detached servers and is then ended by a signal it does not handle
// must not leave them running; one that handles the signal itself keeps its own shutdown.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUN_TS = resolve(__dirname, '../../../../tools/run-ts.mjs');

/** A program that starts a detached `sleep`, prints its pid and waits. */
function program(handlesSigterm: boolean): string {
  return [
    `import { spawnDetached } from '${resolve(__dirname, 'detached-process')}';`,
    `const server = spawnDetached('sleep', ['300']);`,
    handlesSigterm
      ? `process.once('SIGTERM', () => { console.log('graceful'); process.exit(0); });`
      : '',
    `console.log('server ' + server.child.pid);`,
    `setInterval(() => undefined, 1000);`,
  ].join('\n');
}

/** Running: a process that was killed but not yet reaped (state Z) counts as gone. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

async function gone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 5_000;
  while ((await running(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !(await running(pid));
}

async function runAndTerminate(source: string) {
  const dir = await mkdtemp(join(tmpdir(), 'btsx-exit-cleanup-'));
  try {
    const file = join(dir, 'program.ts');
    await writeFile(file, source);
    const child = spawn(process.execPath, [RUN_TS, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const serverPid = await new Promise<number>((found) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const pid = /server (\d+)/.exec(output)?.[1];
        if (pid) found(Number(pid));
      }),
    );
    const ended = new Promise<{ code: number | null; signal: string | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    child.kill('SIGTERM');
    return { serverPid, ...(await ended), output: () => output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('onProcessExit on a signal', () => {
  it('kills the detached servers of a program that does not handle SIGTERM, which still dies of it', async () => {
    const run = await runAndTerminate(program(false));
    expect(run.signal).toBe('SIGTERM');
    expect(await gone(run.serverPid)).toBe(true);
  });

  it("leaves a program's own SIGTERM handler in charge, and cleans up when it exits", async () => {
    const run = await runAndTerminate(program(true));
    expect(run.code).toBe(0);
    expect(run.output()).toContain('graceful');
    expect(await gone(run.serverPid)).toBe(true);
  });
});
