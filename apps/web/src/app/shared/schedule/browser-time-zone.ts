/** The zone the person's clocks are in, as an IANA name (Europe/Berlin). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
