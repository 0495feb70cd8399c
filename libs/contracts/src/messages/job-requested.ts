import { IsUUID } from 'class-validator';
import { MigrationRequest } from '../migration-request';

export class JobRequested extends MigrationRequest {
  @IsUUID()
  jobId: string;
}
