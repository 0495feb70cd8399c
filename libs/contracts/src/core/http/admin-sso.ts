/** Whether admins may sign in with the MSP's identity provider, and what its button says. */
export interface AdminSsoInfo {
  enabled: boolean;
  /** "Sign in with <label>"; null while single sign-on is off. */
  label: string | null;
}

/**
 * Why a single sign-on ended without a session: the callback sends the browser back to the
 * login page with `?sso_error=<code>`, and the page shows the text.
 */
export const ADMIN_SSO_ERRORS = {
  off: 'Single sign-on is not set up on this server.',
  expired: 'The sign-in took too long or was started in another browser. Please try again.',
  provider: 'The identity provider did not sign you in. Please try again.',
  token: 'The identity provider’s answer could not be trusted, so nobody was signed in.',
  email: 'The identity provider sent no verified e-mail address.',
  role: 'Your account at the identity provider has no BTSX role (owner, operator or viewer).',
  tenant: 'Your account at the identity provider names a customer BTSX does not know.',
} as const;
export type AdminSsoErrorCode = keyof typeof ADMIN_SSO_ERRORS;

/** The query parameter of the login page that carries an AdminSsoErrorCode. */
export const ADMIN_SSO_ERROR_PARAM = 'sso_error';
