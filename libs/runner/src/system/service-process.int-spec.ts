import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../process/free-port';
import { serviceEntry } from './service-catalog';
import { ServiceProcess } from './service-process';

/** A process of somebody else's on the port, answering /health as a service would. */
function impostor(port: number): Promise<Server> {
  const server = createServer((_req, res) => res.end('{"status":"ok"}'));
  return new Promise((ready) => server.listen(port, '0.0.0.0', () => ready(server)));
}

describe('ServiceProcess', () => {
  let logDir: string;

  beforeAll(async () => {
    logDir = await mkdtemp(join(tmpdir(), 'service-process-spec-'));
  });

  afterAll(async () => {
    await rm(logDir, { recursive: true, force: true });
  });

  function gateway(port: number, logName: string): ServiceProcess {
    return new ServiceProcess({
      name: 'gateway',
      entry: serviceEntry(resolve('dist'), 'gateway'),
      nodeFlags: [],
      env: {
        PORT: String(port),
        AUTH_URL: 'http://127.0.0.1:9',
        ORCHESTRATOR_URL: 'http://127.0.0.1:9',
        WEB_ROOT: resolve('dist/apps/web/browser'),
      },
      port,
      logPath: join(logDir, logName),
    });
  }

  it('is not fooled by another process answering on its port: it fails with EADDRINUSE', async () => {
    const port = await freePort();
    const other = await impostor(port);
    try {
      await expect(gateway(port, 'taken.log').start()).rejects.toThrow(/EADDRINUSE/);
    } finally {
      other.close();
    }
  });

  it('is ready once it listens itself, also when started again with the same log', async () => {
    const port = await freePort();
    for (let run = 1; run <= 2; run++) {
      const service = gateway(port, 'again.log');
      await service.start();
      expect(service.running).toBe(true);
      await service.stop();
    }
    const log = await readFile(join(logDir, 'again.log'), 'utf8');
    expect(log.match(/ready on http/g)).toHaveLength(2);
  });
});
