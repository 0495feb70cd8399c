export type SessionSide = 'source' | 'destination';

/** Prefixes the side to what went wrong, so the user knows which account to look at. */
export async function onSide<T>(side: SessionSide, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof Error) error.message = `${side} account: ${error.message}`;
    throw error;
  }
}
