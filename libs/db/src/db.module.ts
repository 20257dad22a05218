import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@gwaje/config';
import { dataSourceOptions } from './data-source-options.js';
import { TransactionService } from './transaction.service.js';

@Global()
@Module({})
export class DbModule {
  static forRoot(): DynamicModule {
    return {
      module: DbModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(config, config.database.url, { replicas: true }),
            autoLoadEntities: true,
          }),
        }),
      ],
      providers: [TransactionService],
      exports: [TransactionService],
    };
  }
}
