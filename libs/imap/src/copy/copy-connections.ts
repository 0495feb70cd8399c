import { openPipelinedReader, type PipelinedReader } from '../pipeline/pipelined-reader';
import { connectOptions, resolveLogins, type SessionPairOptions } from '../session/session-pair';
import { onSide } from '../session/session-side';
import { DestinationLine } from './destination-line';

/** What a copy task holds: the source's reader and the destination's one line. */
export interface CopyConnections {
  source: PipelinedReader;
  destination: DestinationLine;
  close(): Promise<void>;
}

/**
 * Logs the source's pipelined reader in. The destination's line connects when the copy first
 * uses it, or, with `writerFirst` (a first pass: it appends before it reads the destination),
 * logs its writer in beside the source.
 */
export async function openCopyConnections(
  options: SessionPairOptions & { writerFirst?: boolean },
): Promise<CopyConnections> {
  const [sourceLogin, destinationLogin] = await resolveLogins(options);
  const connect = connectOptions(options);
  const destination = new DestinationLine(destinationLogin, connect);
  if (options.writerFirst) destination.logInWriter();
  const source = await onSide('source', () => openPipelinedReader(sourceLogin, connect)).catch(
    async (error: unknown) => {
      await destination.close();
      throw error;
    },
  );
  const close = async () => void (await Promise.all([source.close(), destination.close()]));
  return { source, destination, close };
}
