import { Type } from 'class-transformer';
import { IsUUID, IsObject, ValidateNested } from 'class-validator';
import { JobOptions } from '../job-options';

export class JobRequested {
  @IsUUID()
  jobId: string;

  @IsUUID()
  sourceCredentialId: string;

  @IsUUID()
  destinationCredentialId: string;

  @IsObject()
  @ValidateNested()
  @Type(() => JobOptions)
  options: JobOptions;
}
