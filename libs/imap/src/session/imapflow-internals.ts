import type { ImapFlow } from 'imapflow';

/**
 * The parts of imapflow its typings leave out and this lib relies on, all in one place: an
 * imapflow upgrade is checked against this list.
 */
export interface ImapFlowInternals {
  /** Runs one command by name (what every public method calls), with its own arguments. */
  run(command: string, ...args: unknown[]): Promise<unknown>;
  /** Folder attributes by path, from LIST: SELECT first LISTs a folder missing here. */
  folders: Map<string, object>;
}

export function internalsOf(client: ImapFlow): ImapFlowInternals {
  return client as unknown as ImapFlowInternals;
}
