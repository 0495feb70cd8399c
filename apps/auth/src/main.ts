import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@btsx/platform';
import { AuthModule } from './auth.module';
import { AuthConfig } from './config/auth-config';

const config = loadConfigOrExit(AuthConfig);
void runService({ name: 'auth', module: AuthModule.forRoot(config), config, transport: {} });
