import { IsUUID } from 'class-validator';

export class CredentialResolveRequest {
  @IsUUID()
  credentialId: string;
}
