import type { DovecotServer, DovecotUser } from '../dovecot-server';

const HEADER =
  'source_host,source_port,source_security,source_username,source_password,' +
  'destination_host,destination_port,destination_security,destination_username,destination_password';

/** A source account and the destination account it moves to. */
export type MailboxPair = [DovecotUser, DovecotUser];

/** `count` pairs `<prefix>001@source.test` → `<prefix>001@dest.test`, each with its own password. */
export function mailboxPairs(prefix: string, count: number): MailboxPair[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${prefix}${String(i + 1).padStart(3, '0')}`;
    return [
      { username: `${name}@source.test`, password: `src-${name}-pw` },
      { username: `${name}@dest.test`, password: `dst-${name}-pw` },
    ];
  });
}

/** A batch CSV (docs/admin.md) moving each pair from one test server to the other, plaintext. */
export function batchCsv(
  source: DovecotServer,
  destination: DovecotServer,
  pairs: MailboxPair[],
): string {
  const rows = pairs.map(([from, to]) =>
    [source.host, source.port, 'none', from.username, from.password]
      .concat([destination.host, destination.port, 'none', to.username, to.password])
      .join(','),
  );
  return [HEADER, ...rows].join('\n') + '\n';
}
