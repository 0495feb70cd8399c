/**
 * The answer of POST /api/auth/imap/verify: a credential token (CREDENTIAL_TOKEN_PATTERN) for
 * the side the request named, good for one job started from the same client session.
 */
export interface VerifyImapResponse {
  credentialId: string;
}
