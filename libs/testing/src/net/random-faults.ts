import { SeededRandom } from '../seeded-random';
import type { ConnectionFault, Direction, FaultPlan } from './fault-proxy';

export type RandomFaultKind = ConnectionFault['kind'];

export interface RandomFaultOptions {
  /** The same seed deals the same faults to the same connection numbers. */
  seed: number;
  /** Faults dealt in all; connections after the last one go through untouched. */
  budget: number;
  /** Share of connections that get a fault while the budget lasts. */
  probability: number;
  kinds: readonly RandomFaultKind[];
  /** Byte offsets are drawn up to this: past the login, into the first FETCH or APPEND. */
  maxBytes: number;
  /** Commands before a `cutBetweenCommands` are drawn up to this. */
  maxCommands?: number;
}

const DIRECTIONS: readonly Direction[] = ['toServer', 'toClient'];
const DEFAULT_MAX_COMMANDS = 12;

/** A seeded, bounded run of random faults: a failing run is replayed with its seed. */
export function randomFaults(options: RandomFaultOptions): FaultPlan {
  const random = new SeededRandom(options.seed);
  let left = options.budget;
  const dealt = new Map<number, ConnectionFault | undefined>();
  const deal = (): ConnectionFault | undefined => {
    if (left <= 0 || !random.chance(options.probability)) return undefined;
    left--;
    const kind = random.pick(options.kinds);
    if (kind === 'cutBetweenCommands') {
      return { kind, afterCommands: random.int(0, options.maxCommands ?? DEFAULT_MAX_COMMANDS) };
    }
    return {
      kind,
      direction: random.pick(DIRECTIONS),
      afterBytes: random.int(0, options.maxBytes),
    };
  };
  return (connection) => {
    if (!dealt.has(connection)) dealt.set(connection, deal());
    return dealt.get(connection);
  };
}
