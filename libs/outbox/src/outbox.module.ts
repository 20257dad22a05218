import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEntry } from './outbox-entry.entity.js';
import { OutboxService } from './outbox.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntry])],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}
