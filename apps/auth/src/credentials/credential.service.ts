import { ImapEndpoint, ImapLogin } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { CredentialNotFoundError, CredentialUnreadableError } from './credential-errors';
import { Credential } from './credential.entity';
import { CredentialVault, VaultError } from './credential-vault';

/** Stores IMAP logins encrypted and hands them out again; the only door to the table. */
@Injectable()
export class CredentialService {
  constructor(
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly vault: CredentialVault,
  ) {}

  /** Encrypts the password under the current key; returns the new credential id. */
  async store(login: ImapEndpoint & { password: string }): Promise<string> {
    const id = randomUUID();
    const sealed = this.vault.seal(id, login.password);
    await this.credentials.insert({
      id,
      host: login.host,
      port: login.port,
      security: login.security,
      verifyCertificate: login.verifyCertificate,
      username: login.username,
      ...sealed,
    });
    return id;
  }

  /** Endpoint plus decrypted password; marks the credential as used by a job. */
  async resolve(id: string): Promise<ImapLogin> {
    const record = await this.find(id);
    let password: string;
    try {
      password = this.vault.open(record.id, record);
    } catch (error) {
      if (error instanceof VaultError) throw new CredentialUnreadableError(error.message);
      throw error;
    }
    if (!record.usedAt) await this.credentials.update({ id }, { usedAt: () => 'now()' });
    return { ...endpointOf(record), password };
  }

  async describe(id: string): Promise<ImapEndpoint> {
    return endpointOf(await this.find(id));
  }

  /** Deleting what is already gone is fine: job.finished may be redelivered. */
  async deleteMany(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.credentials.delete({ id: In(ids) });
    return result.affected ?? 0;
  }

  /** Never-used credentials created more than `ttlHours` ago (by the database clock). */
  async purgeUnused(ttlHours: number): Promise<number> {
    const result = await this.credentials
      .createQueryBuilder()
      .delete()
      .where('used_at IS NULL')
      .andWhere('created_at < now() - make_interval(hours => :ttlHours)', { ttlHours })
      .execute();
    return result.affected ?? 0;
  }

  private async find(id: string): Promise<Credential> {
    const record = await this.credentials.findOneBy({ id });
    if (!record) throw new CredentialNotFoundError();
    return record;
  }
}

function endpointOf(record: Credential): ImapEndpoint {
  return {
    host: record.host,
    port: record.port,
    security: record.security,
    verifyCertificate: record.verifyCertificate,
    username: record.username,
  };
}
