export * from './server-habits';
export * from './interop-layouts';
export * from './interop-fixture';
export * from './expected-copy';
export * from './interop-problems';
export * from './interop-testbed';
