import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { ImapLogin } from '@btsx/contracts';
import { ImapError } from '../errors/imap-error';
import { toImapError } from '../errors/to-imap-error';
import {
  type ConnectOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  imapFlowOptions,
} from '../connection/connect-options';
import { resolveAllowedHost } from '../connection/resolve-allowed-host';
import { CommandPipeline, type PipelineLimits } from './command-pipeline';
import { compileCommand } from './compile-command';
import { capabilitySet, readCapabilities } from './parse-response';

export interface RawConnection {
  socket: Socket | TLSSocket;
  pipeline: CommandPipeline;
  /** From the greeting, if it carried them (after STARTTLS they must be asked again). */
  capabilities?: Set<string>;
  /** `* PREAUTH`: already logged in. */
  preauthenticated: boolean;
}

/**
 * Connects with the security rules of openImapSession, by composition: the same private-host
 * check (resolveAllowedHost) and the same option mapping (imapFlowOptions), so 'tls' is implicit
 * TLS, 'starttls' must upgrade or fail, 'none' stays in cleartext, and the certificate is
 * verified unless verifyCertificate is false. Reads the greeting.
 */
export async function openRawConnection(
  login: ImapLogin,
  options: ConnectOptions,
  limits: PipelineLimits,
): Promise<RawConnection> {
  const address = await resolveAllowedHost(login.host, options.allowPrivateHosts);
  const flow = imapFlowOptions(login, address, options);
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const tlsOptions = {
    servername: flow.servername,
    rejectUnauthorized: flow.tls?.rejectUnauthorized !== false,
  };
  const host = flow.host ?? address;
  let socket: Socket | TLSSocket = flow.secure
    ? await connected(tlsConnect({ host, port: login.port, ...tlsOptions }), timeoutMs, true)
    : await connected(netConnect({ host, port: login.port }), timeoutMs, false);
  let pipeline = new CommandPipeline(socket, limits);
  const greeting = await readGreeting(pipeline, socket, timeoutMs);
  let capabilities = readCapabilities(greeting);

  if (!flow.secure && flow.doSTARTTLS === true) {
    capabilities ??= await askCapabilities(pipeline);
    if (!capabilities.has('STARTTLS')) {
      socket.destroy();
      throw toImapError({ tlsFailed: true, message: 'the server does not offer STARTTLS' });
    }
    const reply = await pipeline.run(compileCommand(['STARTTLS'], 'synchronizing'));
    if (reply.status !== 'OK') {
      socket.destroy();
      throw toImapError({ tlsFailed: true, message: `STARTTLS refused: ${reply.text}` });
    }
    pipeline.detach();
    // The TLS socket reports failures; the plain one underneath must not crash the process.
    socket.on('error', () => undefined);
    socket = await connected(tlsConnect({ socket, ...tlsOptions }), timeoutMs, true);
    pipeline = new CommandPipeline(socket, limits);
    // RFC 3501 section 6.2.1: capabilities learnt before STARTTLS must be discarded.
    capabilities = undefined;
  }
  // Pipelined commands are written in batches (cork/uncork); Nagle would only hold them back.
  socket.setNoDelay(true);
  return { socket, pipeline, capabilities, preauthenticated: /^PREAUTH\b/i.test(greeting) };
}

/** CAPABILITY, for a server that did not volunteer its list. */
export async function askCapabilities(pipeline: CommandPipeline): Promise<Set<string>> {
  const reply = await pipeline.run(compileCommand(['CAPABILITY'], 'synchronizing'), {
    collectUntagged: true,
  });
  for (const line of reply.untagged) {
    const found = readCapabilities(line);
    if (found) return found;
  }
  if (reply.code?.name === 'CAPABILITY') return capabilitySet(reply.code.args);
  return new Set();
}

function connected<T extends Socket>(socket: T, timeoutMs: number, secure: boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(toImapError({ code: 'CONNECT_TIMEOUT' }));
    }, timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(toImapError(err));
    };
    socket.once('error', fail);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** The first untagged line: `* OK`, `* PREAUTH` or `* BYE` (RFC 3501 section 7.1). */
function readGreeting(pipeline: CommandPipeline, socket: Socket, timeoutMs: number) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(toImapError({ code: 'GREETING_TIMEOUT' }));
    }, timeoutMs);
    pipeline.onUntagged = (text) => {
      clearTimeout(timer);
      pipeline.onUntagged = undefined;
      if (/^BYE\b/i.test(text)) {
        socket.destroy();
        reject(new ImapError('unreachable', `The server refused the connection: ${text}`, false));
      } else {
        resolve(text);
      }
    };
    socket.once('close', () => {
      clearTimeout(timer);
      reject(toImapError({ code: 'ClosedAfterConnectText' }));
    });
  });
}
