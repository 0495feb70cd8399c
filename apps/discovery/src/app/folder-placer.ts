import {
  ensureFolder,
  FolderWriter,
  ImapError,
  ImapSession,
  legalSubstitute,
  RemoteFolder,
} from '@btsx/imap';

/** Where a planned folder went on the destination. */
export interface Placement {
  destination: string;
  /** Why the destination refused the folder: it is not copied. */
  refusal?: string;
  /** The name the destination refused, and why, when a substitute took its place. */
  substituted?: { name: string; reason: string };
}

/**
 * Creates the plan's folders on the destination, parents before children: all at once over
 * a FolderWriter when the planner has one (prepare), then one at a time for whatever that
 * left undecided. A name the destination refuses gets one try under a legal substitute
 * (`legalSubstitute`); the folders under it follow it there.
 */
export class FolderPlacer {
  private readonly listed: Map<string, Pick<RemoteFolder, 'noSelect' | 'subscribed'>>;
  /** Refused path → the substitute that took its place. */
  private readonly substitutes = new Map<string, string>();

  constructor(
    private readonly destination: ImapSession,
    destinationFolders: RemoteFolder[],
    private readonly writer?: FolderWriter,
  ) {
    this.listed = new Map(destinationFolders.map((f) => [f.path, f]));
  }

  /** Makes ready at once, over the writer, every planned folder it can. */
  async prepare(planned: string[]): Promise<void> {
    const missing = planned.filter((path) => !this.isThere(path));
    if (!this.writer || missing.length === 0) return;
    const delimiter = this.destination.delimiter;
    const ready = await this.writer.prepare(missing, delimiter, this.listed);
    for (const path of ready) this.markReady(path);
  }

  async place(planned: string): Promise<Placement> {
    const path = this.underSubstitutes(planned);
    if (this.isThere(path)) return { destination: path };
    const reason = await this.refusalOf(path);
    if (!reason) {
      this.markReady(path);
      return { destination: path };
    }
    const substitute = legalSubstitute(path, this.destination.delimiter);
    if (substitute === path || (await this.refusalOf(substitute))) {
      return { destination: path, refusal: reason };
    }
    this.substitutes.set(path, substitute);
    this.markReady(substitute);
    return { destination: substitute, substituted: { name: path, reason } };
  }

  /**
   * Already there and subscribed: it costs nothing. CREATE and SUBSCRIBE are the server's
   * slowest commands (ours: ~15 ms each on Maildir), so 1,000 folders add up.
   */
  isThere(path: string): boolean {
    const known = this.listed.get(path);
    return known?.subscribed === true && !known.noSelect;
  }

  /** Its children's ensureFolder need not create it again. */
  private markReady(path: string): void {
    this.listed.set(path, { noSelect: false, subscribed: true });
  }

  /** A child of a folder that got a substitute goes under the substitute. */
  private underSubstitutes(path: string): string {
    const delimiter = this.destination.delimiter;
    for (const [refused, substitute] of this.substitutes) {
      if (path.startsWith(refused + delimiter)) return substitute + path.slice(refused.length);
    }
    return path;
  }

  /**
   * Creates the folder, or answers why the destination refused it (a folder under a refused
   * one is refused in turn, by the same CREATE of its parent). A connection lost or a server
   * throttling still throws: the whole plan is retried.
   */
  private async refusalOf(path: string): Promise<string | undefined> {
    try {
      await ensureFolder(this.destination, path, this.listed);
      return undefined;
    } catch (error) {
      if (error instanceof ImapError && error.permanent) return error.message;
      throw error;
    }
  }
}
