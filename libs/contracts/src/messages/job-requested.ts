import { JobWork } from '../migration-request';

/** job.requested: plan this job. */
export class JobRequested extends JobWork {}
