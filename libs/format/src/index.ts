export * from './format';
export * from './schedule-format';
