// The browser imports values from this entry point: it must load without the decorators.
jest.mock('class-validator', () => {
  throw new Error('the core loaded class-validator');
});
jest.mock('class-transformer', () => {
  throw new Error('the core loaded class-transformer');
});

import { API_ROUTES, canVerifyAgain, isTerminal, SUBJECTS } from './index';

describe('@btsx/contracts/core', () => {
  it('loads without class-validator or class-transformer', () => {
    expect(SUBJECTS.jobRequested).toBe('job.requested');
    expect(API_ROUTES.getJob.path('job 1')).toBe('/api/jobs/job%201');
  });

  it('verifies again only jobs that finished copying', () => {
    expect(canVerifyAgain('completed_with_errors')).toBe(true);
    expect(canVerifyAgain('incomplete')).toBe(true);
    expect(canVerifyAgain('failed')).toBe(false);
    expect(canVerifyAgain('verifying')).toBe(false);
    expect(isTerminal('failed')).toBe(true);
  });
});
