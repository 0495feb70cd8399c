import { hash, verify } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
@Injectable()
export class PasswordHasher {
  /** Checked for unknown accounts too, so timing does not tell which emails exist. */
  private readonly decoy = hash(randomBytes(16).toString('hex'));

  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** False for a wrong password, and for an account without one (invited, not accepted). */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const against = passwordHash ?? (await this.decoy);
    const matches = await verify(against, password).catch(() => false);
    return matches && passwordHash !== null;
  }
}
