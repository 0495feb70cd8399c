export * from './smtp-sink';
export * from './webhook-receiver';
