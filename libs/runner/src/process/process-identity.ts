import { userInfo } from 'node:os';
import { runCommand } from './run-command';

export const isRoot = (): boolean => process.getuid?.() === 0;

/** The user and group names this process runs as. */
export async function currentUserAndGroup(): Promise<{ user: string; group: string }> {
  const group = (await runCommand('id', ['-gn'])).trim();
  return { user: userInfo().username, group };
}

/** Numeric uid and gid of a system account, e.g. `postgres` or `dovecot`. */
export async function accountIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    runCommand('id', ['-u', name]),
    runCommand('id', ['-g', name]),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
