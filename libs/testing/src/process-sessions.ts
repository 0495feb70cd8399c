import { readdir, readFile } from 'node:fs/promises';

/** A process's environment, or none when it is gone or not ours to read. */
async function environmentOf(pid: string): Promise<Map<string, string>> {
  const raw = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
  const pairs = raw
    .split('\0')
    .filter(Boolean)
    .map((entry): [string, string] => {
      const at = entry.indexOf('=');
      return [entry.slice(0, at), entry.slice(at + 1)];
    });
  return new Map(pairs);
}

/**
 * The user of each logged-in Courier session on `port`, once per session. Courier has no
 * session tool, but couriertcpd puts TCPLOCALPORT in each connection's environment and
 * imaplogin adds AUTHENTICATED=<user> before it execs imapd.
 */
export async function courierSessionUsers(port: number): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const environments = await Promise.all(pids.map(environmentOf));
  return environments
    .filter((env) => env.get('TCPLOCALPORT') === String(port) && env.has('AUTHENTICATED'))
    .map((env) => env.get('AUTHENTICATED') ?? '');
}
