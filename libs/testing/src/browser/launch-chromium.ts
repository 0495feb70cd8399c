import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright's own browser download is unreachable here. */
const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Headless, sandbox off (tests run as root), and nothing that phones home: on this closed
 * network background requests only fail, many at a time.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
