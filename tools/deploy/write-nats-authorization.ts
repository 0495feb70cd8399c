// Rewrites k8s/dependencies/nats-authorization.conf (which Compose mounts too) from
// BUS_PERMISSIONS after a change to it:
//   node tools/run-ts.mjs tools/deploy/write-nats-authorization.ts
import { natsAuthorizationConfig } from '@btsx/contracts';
import { writeFileSync } from 'node:fs';
import { NATS_AUTHORIZATION_FILE } from './deploy-files';

writeFileSync(NATS_AUTHORIZATION_FILE, natsAuthorizationConfig());
