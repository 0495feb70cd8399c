export * from './process/detached-process';
export * from './process/exit-cleanup';
export * from './process/find-executable';
export * from './process/free-port';
export * from './process/log-tail';
export * from './process/process-identity';
export * from './process/run-command';
export * from './process/wait-until';
