// Real servers start and migrate within a test: give tests and hooks room.
jest.setTimeout(60_000);
