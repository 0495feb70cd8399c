export { supportsPipelinedAppend } from './supports-pipelined-append';
export {
  openPipelinedAppender,
  PipelinedAppender,
  type PipelinedAppenderOptions,
} from './pipelined-appender';
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_BYTES_IN_FLIGHT,
  DEFAULT_MAX_IN_FLIGHT,
} from './command-pipeline';
export { encodeModifiedUtf7 } from './modified-utf7';
