import { openImapSession } from '@btsx/imap';
import { startDovecot } from '@btsx/testing';
async function main() {
  const user = { username: 'a@x.test', password: 'pw' };
  const server = await startDovecot({ users: [user] });
  const login = {
    host: server.host,
    port: server.port,
    security: 'none' as const,
    verifyCertificate: true,
    ...user,
  };
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const s = await openImapSession(login, { allowPrivateHosts: true });
    const t1 = performance.now();
    const a = await s.openAppender('INBOX');
    const t2 = performance.now();
    await s.openFolder('INBOX', true);
    const t3 = performance.now();
    await a?.close();
    await s.close();
    const t4 = performance.now();
    console.log(
      `login ${(t1 - t0).toFixed(1)} appender ${(t2 - t1).toFixed(1)} examine ${(t3 - t2).toFixed(1)} close ${(t4 - t3).toFixed(1)}`,
    );
  }
  await server.stop();
}
main();
