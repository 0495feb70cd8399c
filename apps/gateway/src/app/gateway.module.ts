import { Module } from '@nestjs/common';

/** The gateway has no routes of its own: its middleware proxies and serves the web app. */
@Module({})
export class GatewayModule {}
