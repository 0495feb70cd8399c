import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '@btsx/runner';

/** Short-lived on purpose: the certificate only lives as long as one test server. */
const CERT_VALIDITY_DAYS = '2';

export interface SelfSignedCert {
  certPath: string;
  keyPath: string;
  certificatePem: string;
}

/** Creates a self-signed certificate valid for localhost and 127.0.0.1 in `dir`. */
export async function createSelfSignedCert(dir: string): Promise<SelfSignedCert> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await runCommand('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    CERT_VALIDITY_DAYS,
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return { certPath, keyPath, certificatePem: await readFile(certPath, 'utf8') };
}
