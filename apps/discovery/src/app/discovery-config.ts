import { AllowPrivateHostsSetting, BusServiceConfig } from '@btsx/platform';

export class DiscoveryConfig extends BusServiceConfig {
  @AllowPrivateHostsSetting()
  BTSX_ALLOW_PRIVATE_HOSTS: boolean;
}
