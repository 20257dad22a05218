import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteeModule } from '@gwaje/committee';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { TasksModule } from '@gwaje/tasks';
import { OpinionRequest } from './opinion-request.entity.js';
import { OpinionRequestAgenda } from './opinion-request-agenda.js';
import { OpinionRequestReminders } from './opinion-request-reminders.js';
import { OpinionRequestsService } from './opinion-requests.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([OpinionRequest]),
    TasksModule,
    OutboxModule,
    NotificationsModule,
    CommitteeModule,
  ],
  providers: [OpinionRequestsService, OpinionRequestReminders, OpinionRequestAgenda],
  exports: [OpinionRequestsService],
})
export class OpinionRequestsModule {}
