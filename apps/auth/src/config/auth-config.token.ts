/** The validated AuthConfig, as a provider. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
