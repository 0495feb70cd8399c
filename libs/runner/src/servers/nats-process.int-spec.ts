import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, RetentionPolicy, StorageType, StringCodec } from 'nats';
import { startNatsProcess } from './nats-process';

describe('startNatsProcess', () => {
  it('keeps its store across stop and start, as npm start does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'btsx-nats-keep-'));
    const options = { storeDir: join(dir, 'jetstream'), logPath: join(dir, 'nats.log') };
    const codec = StringCodec();
    try {
      const first = await startNatsProcess(options);
      const before = await connect({ servers: first.url });
      const manager = await before.jetstreamManager();
      const stream = { name: 'KEPT', subjects: ['kept.>'], storage: StorageType.File };
      await manager.streams.add({ ...stream, retention: RetentionPolicy.Limits });
      await before.jetstream().publish('kept.one', codec.encode('seven'));
      await before.close();
      await first.stop();

      const second = await startNatsProcess(options);
      try {
        const after = await connect({ servers: second.url });
        const message = await (
          await after.jetstreamManager()
        ).streams.getMessage('KEPT', {
          seq: 1,
        });
        expect(codec.decode(message.data)).toBe('seven');
        await after.close();
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
