import { ConfigError, loadConfig } from '@btsx/platform';
import { TransformationType } from 'class-transformer';
import { AuthConfig } from '../../apps/auth/src/config/auth-config';
import { CopierConfig } from '../../apps/copier/src/app/copier-config';
import { DiscoveryConfig } from '../../apps/discovery/src/app/discovery-config';
import { GatewayConfig } from '../../apps/gateway/src/app/gateway-config';
import { OrchestratorConfig } from '../../apps/orchestrator/src/orchestrator.config';

// class-transformer keeps the store of @Expose() metadata out of its public entry point.
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** Each deployable service and the config class it validates its environment with at boot. */
export const SERVICE_CONFIGS = {
  gateway: GatewayConfig,
  auth: AuthConfig,
  orchestrator: OrchestratorConfig,
  discovery: DiscoveryConfig,
  copier: CopierConfig,
} as const;
export type DeployedService = keyof typeof SERVICE_CONFIGS;
export const DEPLOYED_SERVICES = Object.keys(SERVICE_CONFIGS) as DeployedService[];

/** Every variable a config class reads (its @Expose()d fields, inherited ones included). */
export function variablesRead(schema: new () => object): string[] {
  return defaultMetadataStorage
    .getExposedProperties(schema, TransformationType.PLAIN_TO_CLASS)
    .sort();
}

/**
 * The variables a service cannot boot without: those loadConfig names when the environment
 * is empty (no default, not optional). Each problem line starts with the variable's name.
 */
export function variablesRequired(schema: new () => object): string[] {
  try {
    loadConfig(schema, {});
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const names = error.problems.map((problem) => problem.split(/[\s:]/)[0]);
    return [...new Set(names)].sort();
  }
}
