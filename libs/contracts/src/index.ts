// Everything the Node services share: the decorator-free core (also `@btsx/contracts/core`,
// which the browser imports) and the class-validator classes of every payload and request.
export * from './core';
export * from './imap-account';
export * from './job-options';
export * from './migration-request';
export * from './messages/job-requested';
export * from './messages/job-planned';
export * from './messages/copy-task';
export * from './messages/folder-mark';
export * from './messages/task-events';
export * from './messages/task-throttled';
export * from './messages/job-lifecycle';
export * from './messages/job-attention';
export * from './messages/credential-resolve';
export * from './messages/credential-store';
export * from './messages/plan-preview';
export * from './audit';
export * from './payload-classes';
export * from './http/imap-verify-request';
export * from './http/job-requests';
export * from './http/schedule-requests';
export * from './http/notify-request';
export * from './http/admin-requests';
export * from './http/activity-requests';
export * from './http/batch-requests';
export * from './bus/bus-permissions';
export * from './bus/nats-authorization';
