import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ImapLogin } from '@btsx/contracts';
import type { ConnectOptions } from '../connection/connect-options';
import { loginFailure } from '../errors/to-imap-error';
import { authenticate } from './authenticate';
import type { CommandPipeline, PipelineLimits } from './command-pipeline';
import { compileCommand, literalModeOf } from './compile-command';
import { askCapabilities, openRawConnection } from './open-raw-connection';

/** LOGOUT is a courtesy: a server that does not answer within this is simply disconnected. */
const LOGOUT_TIMEOUT_MS = 5_000;

/**
 * Without LITERAL+ / LITERAL-, the next APPEND waits for the previous one's tagged reply. Sent
 * behind the literal instead, its `+` would come one round trip sooner in theory, but Courier
 * (Nagle on) holds that `+` until its tagged OK is acknowledged, and our kernel delays that ACK
 * by 40 ms with nothing to send: 44 ms a message on loopback, against 8 ms when the command
 * line goes with the ACK, and RTT + 40 ms more at a distance.
 */
const SYNCHRONIZING_MAX_IN_FLIGHT = 1;

/** A pipelined connection past login, and what the server announced after it. */
export interface LoggedInPipeline {
  pipeline: CommandPipeline;
  socket: Duplex;
  /** Upper-case capability names. */
  capabilities: ReadonlySet<string>;
}

/**
 * Connects (own socket; the security rules of openImapSession) and logs in with one LOGIN or
 * AUTHENTICATE, nothing else. `oneLiteralAtATime` keeps a server without LITERAL+ to one
 * command in flight (see SYNCHRONIZING_MAX_IN_FLIGHT). Every failure is an ImapError without
 * the secret in it, naming the server (loginFailure).
 */
export async function openLoggedInPipeline(
  login: ImapLogin,
  options: ConnectOptions,
  limits: PipelineLimits & { oneLiteralAtATime?: boolean },
): Promise<LoggedInPipeline> {
  const connection = await openRawConnection(login, options, limits);
  const { pipeline, socket } = connection;
  try {
    let capabilities = connection.capabilities ?? (await askCapabilities(pipeline));
    if (!connection.preauthenticated) {
      const servername = isIP(login.host) ? login.host : login.host.toLowerCase();
      const after = await authenticate(pipeline, login, capabilities, servername);
      capabilities = after ?? (await askCapabilities(pipeline));
    }
    if (limits.oneLiteralAtATime && literalModeOf(capabilities) === 'synchronizing') {
      pipeline.limitInFlight(SYNCHRONIZING_MAX_IN_FLIGHT);
    }
    return { pipeline, socket, capabilities };
  } catch (err) {
    socket.destroy();
    throw loginFailure(err, login);
  }
}

/**
 * Lets outstanding commands finish, logs out (waiting at most LOGOUT_TIMEOUT_MS for the
 * answer: the server has then let the session go, and its lease may go too) and closes the
 * socket. Never throws.
 */
export async function logOut({
  pipeline,
  socket,
}: Omit<LoggedInPipeline, 'capabilities'>): Promise<void> {
  try {
    await pipeline.drain();
    const logout = pipeline.run(compileCommand(['LOGOUT'], 'synchronizing'));
    await Promise.race([logout, new Promise((r) => setTimeout(r, LOGOUT_TIMEOUT_MS).unref())]);
  } catch {
    // Closing anyway.
  } finally {
    socket.destroy();
  }
}
