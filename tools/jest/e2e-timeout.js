// A whole migration through every service runs inside one test.
jest.setTimeout(600_000);
