import { PasswordLogin } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Credential } from '../credentials/credential.entity';
import { CredentialService } from '../credentials/credential.service';

/**
 * Credentials an admin's batch brings in bulk. They are sealed like any other but held:
 * marked used at once, so the unused-credential purge leaves them alone while they wait
 * in the batch's queue; each run gets a copy that its job.finished purges; the batch
 * discards the originals when it is cancelled or deleted.
 */
@Injectable()
export class HeldCredentialService {
  constructor(
    private readonly credentials: CredentialService,
    @InjectRepository(Credential) private readonly records: Repository<Credential>,
  ) {}

  async storeAll(logins: PasswordLogin[]): Promise<string[]> {
    const ids: string[] = [];
    for (const login of logins) ids.push(await this.credentials.store(login));
    await this.records.update({ id: In(ids) }, { usedAt: () => 'now()' });
    return ids;
  }

  /** A new credential with the same login, for one job. */
  async copy(id: string): Promise<string> {
    const login = await this.credentials.resolve(id);
    if (login.password === undefined) throw new Error('Only password credentials are copied');
    return this.credentials.store({ ...login, password: login.password });
  }

  discard(ids: string[]): Promise<number> {
    return this.credentials.deleteMany(ids);
  }
}
