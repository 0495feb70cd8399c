/** Runs `work` on every item, at most `atOnce` at a time; each result at its item's index. */
export async function inParallel<T, R>(
  items: readonly T[],
  atOnce: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const queue = items.map((item, index) => ({ item, index }));
  await Promise.all(
    Array.from({ length: Math.min(atOnce, items.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        results[next.index] = await work(next.item, next.index);
      }
    }),
  );
  return results;
}
