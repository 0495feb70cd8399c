import { MAX_LOGINS_PER_STORE, PasswordLogin, SUBJECTS } from '@btsx/contracts';
import { AppError, BusClient } from '@btsx/platform';
import { Injectable, Logger } from '@nestjs/common';

/** Sealing a few hundred passwords takes auth well under a second; allow for load. */
const STORE_TIMEOUT_MS = 30_000;

/** The batch side of auth's vault: passwords go in, ids come back, nothing is kept here. */
@Injectable()
export class BatchCredentials {
  private readonly logger = new Logger('Batches');

  constructor(private readonly bus: BusClient) {}

  /** Ids in the order of the logins; on failure whatever was stored is discarded again. */
  async storeAll(logins: PasswordLogin[]): Promise<string[]> {
    const ids: string[] = [];
    try {
      for (const chunk of chunks(logins)) {
        const reply = await this.bus.request(
          SUBJECTS.credentialStore,
          { logins: chunk },
          STORE_TIMEOUT_MS,
        );
        ids.push(...reply.credentialIds);
      }
      return ids;
    } catch (error) {
      this.logger.warn(`Storing a batch's credentials failed: ${String(error)}`);
      await this.discard(ids);
      throw new AppError(503, 'The account service is not answering; nothing was imported');
    }
  }

  /**
   * Best effort: what auth cannot delete now stays sealed there; the log says how many,
   * never which (an id signs in).
   */
  async discard(ids: string[]): Promise<void> {
    for (const chunk of chunks(ids)) {
      try {
        await this.bus.request(SUBJECTS.credentialDiscard, { credentialIds: chunk });
      } catch (error) {
        this.logger.error(`Discarding ${chunk.length} credential(s) failed: ${String(error)}`);
      }
    }
  }
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_LOGINS_PER_STORE) {
    out.push(items.slice(i, i + MAX_LOGINS_PER_STORE));
  }
  return out;
}
