import { startCourier } from '../courier-server';
import { startCyrus } from '../cyrus-server';
import { startDovecot } from '../dovecot-server';
import type { ImapTestServer } from '../imap-test-server';
import { courierHabits, cyrusHabits, dovecotHabits, type ServerHabits } from './server-habits';

/** One kind of server the matrix migrates from and to. */
export interface InteropLayout {
  name: string;
  start(): Promise<ImapTestServer>;
  habits: ServerHabits;
  /** Characters besides its separator that it refuses in a folder name (BTSX puts '_'). */
  refusedInNames?: string[];
  /** Gmail's folders that show messages other folders hold: never copied, never filled. */
  views?: GmailViews;
}

/** Logical paths of the Gmail-like layout's views (dovecot-gmail-layout). */
export interface GmailViews {
  allMail: string;
  others: string[];
  /** All Mail shows every message but these folders' ones. */
  outsideAllMail: string[];
}

const GMAIL_VIEWS: GmailViews = {
  allMail: '[Gmail]/All Mail',
  others: ['[Gmail]/Starred', '[Gmail]/Important'],
  outsideAllMail: ['[Gmail]/Spam', '[Gmail]/Trash'],
};

export const DOVECOT_SLASH: InteropLayout = {
  name: "Dovecot '/'",
  start: () => startDovecot({ users: [], separator: '/' }),
  habits: dovecotHabits,
  // Maildir keeps folders as ".a.b" directories.
  refusedInNames: ['.'],
};

/** Every layout of the matrix; the first is the partner of every other in the short run. */
export const INTEROP_LAYOUTS: readonly InteropLayout[] = [
  DOVECOT_SLASH,
  {
    name: "Dovecot 'INBOX.'",
    start: () => startDovecot({ users: [], separator: '.', namespacePrefix: 'INBOX.' }),
    habits: dovecotHabits,
  },
  { name: 'Courier', start: () => startCourier(), habits: courierHabits },
  { name: "Cyrus '/'", start: () => startCyrus({ separator: '/' }), habits: cyrusHabits },
  { name: "Cyrus '.'", start: () => startCyrus({ separator: '.' }), habits: cyrusHabits },
  {
    name: 'Gmail-like Dovecot',
    start: () => startDovecot({ users: [], gmailLayout: true }),
    habits: dovecotHabits,
    refusedInNames: ['.'],
    views: GMAIL_VIEWS,
  },
];

export type InteropPair = readonly [from: InteropLayout, to: InteropLayout];

/** `npm test`: every layout once as source and once as destination, with Dovecot '/'. */
export function eachLayoutBothWays(): InteropPair[] {
  const [partner, ...others] = INTEROP_LAYOUTS;
  return [
    [partner, partner],
    ...others.flatMap((layout): InteropPair[] => [
      [layout, partner],
      [partner, layout],
    ]),
  ];
}

/** `npm run test:interop`: every ordered pair, each layout to itself too. */
export function everyPair(): InteropPair[] {
  return INTEROP_LAYOUTS.flatMap((from) => INTEROP_LAYOUTS.map((to): InteropPair => [from, to]));
}
