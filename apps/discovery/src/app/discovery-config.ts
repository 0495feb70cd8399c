import {
  AllowPrivateHostsSetting,
  BusServiceConfig,
  MaxConnectionsPerAccountSetting,
} from '@btsx/platform';

export class DiscoveryConfig extends BusServiceConfig {
  @AllowPrivateHostsSetting()
  BTSX_ALLOW_PRIVATE_HOSTS: boolean;

  @MaxConnectionsPerAccountSetting()
  IMAP_MAX_CONNECTIONS_PER_ACCOUNT: number;
}
