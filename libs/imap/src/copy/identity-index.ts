import type { IdentifiedMessage } from '../messages/read-identities';

/**
 * The destination's messages by identity, as a multiset: each destination message can vouch
 * for one source message only, so two distinct source messages that share a Message-ID are
 * both copied unless the destination holds two.
 */
export class IdentityIndex {
  private readonly entries: Map<string, IdentifiedMessage[]>;

  constructor(identities: Map<string, IdentifiedMessage[]>) {
    this.entries = new Map([...identities].map(([key, list]) => [key, [...list]]));
  }

  /** Removes and returns a destination message with this identity and size. */
  take(identity: string, size: number): IdentifiedMessage | undefined {
    const list = this.entries.get(identity);
    const index = list?.findIndex((entry) => entry.size === size) ?? -1;
    if (!list || index < 0) return undefined;
    return list.splice(index, 1)[0];
  }
}
