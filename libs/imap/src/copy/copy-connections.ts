import { openSourceReader, type SourceReader } from '../pipeline/source-reader';
import { connectOptions, resolveLogins, type SessionPairOptions } from '../session/session-pair';
import { onSide } from '../session/session-side';
import { DestinationLine } from './destination-line';

/** What a copy task holds: the source's reader and the destination's one line. */
export interface CopyConnections {
  source: SourceReader;
  destination: DestinationLine;
  close(): Promise<void>;
}

/**
 * Logs the source's pipelined reader in; the destination's line connects when the copy first uses it (its
 * writer then logs in while the source folder is examined).
 */
export async function openCopyConnections(options: SessionPairOptions): Promise<CopyConnections> {
  const [sourceLogin, destinationLogin] = await resolveLogins(options);
  const connect = connectOptions(options);
  const source = await onSide('source', () => openSourceReader(sourceLogin, connect));
  const destination = new DestinationLine(destinationLogin, connect);
  const close = async () => void (await Promise.all([source.close(), destination.close()]));
  return { source, destination, close };
}
