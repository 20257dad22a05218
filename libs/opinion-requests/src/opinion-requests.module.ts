import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { TasksModule } from '@gwaje/tasks';
import { OpinionRequest } from './opinion-request.entity.js';
import { OpinionRequestReminders } from './opinion-request-reminders.js';
import { OpinionRequestsService } from './opinion-requests.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([OpinionRequest]),
    TasksModule,
    OutboxModule,
    NotificationsModule,
  ],
  providers: [OpinionRequestsService, OpinionRequestReminders],
  exports: [OpinionRequestsService],
})
export class OpinionRequestsModule {}
