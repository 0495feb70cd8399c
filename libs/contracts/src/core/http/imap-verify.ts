/** The answer of POST /api/auth/imap/verify: the sealed credential's id. */
export interface VerifyImapResponse {
  credentialId: string;
}
