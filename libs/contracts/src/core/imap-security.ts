export const IMAP_SECURITY = ['tls', 'starttls', 'none'] as const;
export type ImapSecurity = (typeof IMAP_SECURITY)[number];

/** IANA ports: 993 imaps (RFC 8314), 143 imap for STARTTLS and plain. */
export const DEFAULT_PORT: Record<ImapSecurity, number> = { tls: 993, starttls: 143, none: 143 };
