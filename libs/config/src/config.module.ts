import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { loadConfigOrExit } from './load-config.js';

/** Provides the validated AppConfig under its own class as the injection token. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => config ?? loadConfigOrExit() }],
      exports: [AppConfig],
    };
  }
}
