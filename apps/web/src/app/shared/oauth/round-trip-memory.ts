/**
 * What a page keeps in this tab's sessionStorage while the browser is at a provider's sign-in
 * (one key per page: a sign-in in another tab never restores into this one). Never a
 * password: what is kept must be fit to sit in the browser.
 */
export function keepForRoundTrip(storage: Storage | null, key: string, value: object): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or a disabled storage: the round trip then only brings back its fragment.
  }
}

/** What was kept under `key`, once: it is removed as it is read, so a later visit starts fresh. */
export function takeAfterRoundTrip(storage: Storage | null, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    storage?.removeItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}
