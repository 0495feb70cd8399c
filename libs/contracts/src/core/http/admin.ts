/** Long enough that a guess is hopeless once logins are rate-limited. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12;

/**
 * The signed-in admin. `csrfToken` is also in the XSRF-TOKEN cookie: every POST, PUT or
 * DELETE of a cookie session sends it back as the X-XSRF-TOKEN header.
 */
export interface AdminSessionView {
  email: string;
  csrfToken: string;
}

/** The token is shown once; whoever holds it sets the new admin's password. */
export interface InviteAdminResponse {
  email: string;
  inviteToken: string;
  expiresAt: string;
}

export interface AdminUserView {
  email: string;
  /** False while an invitation is not yet accepted. */
  active: boolean;
  createdAt: string;
}

/** The token is shown once; only its hash is stored. */
export interface ApiTokenCreated {
  id: string;
  name: string;
  token: string;
}

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
}
