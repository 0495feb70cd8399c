// The decorator-free part of the contracts: statuses and their rules, subjects, streams and
// their delivery policies, the OAuth redirect, the HTTP views and the route table. Nothing
// here loads class-validator or class-transformer, so the browser imports values from it
// (`@btsx/contracts/core`); the payload classes these types name are imported from here as
// types only.
export * from './imap-security';
export * from './credential-owner';
export * from './server-limits';
export * from './transfer-limits';
export * from './transfer-quotas';
export * from './job-status';
export * from './job-option-texts';
export * from './folder-pattern';
export * from './folder-map';
export * from './message-filter';
export * from './subjects';
export * from './delivery-policies';
export * from './audit-findings';
export * from './audit-view';
export * from './http/api-error';
export * from './http/imap-verify';
export * from './http/client-session';
export * from './http/jobs';
export * from './http/schedules';
export * from './schedule';
export * from './http/admin';
export * from './http/admin-sso';
export * from './http/activity';
export * from './http/batches';
export * from './http/plans';
export * from './http/routes';
export * from './oauth/oauth-provider';
export * from './oauth/oauth-redirect';
export * from './notify';
