export * from './zoned-time';
export * from './pass-times';
export * from './schedule-state';
