export interface FixtureMessage {
  raw: Buffer;
  flags: string[];
  internalDate: Date;
}

/** `path` is logical: segments joined with '/', whatever the server's separator. */
export interface FixtureFolder {
  path: string;
  specialUse?: string;
  messages: FixtureMessage[];
}
