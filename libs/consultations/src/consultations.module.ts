import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@gwaje/attachments';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { ConsultationReminders } from './consultation-reminders.js';
import { TasksModule } from '@gwaje/tasks';
import { Consultation } from './consultation.entity.js';
import { ConsultationsDemoSeed } from './demo/consultations-demo.seed.js';
import { ConsultationsService } from './consultations.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Consultation]),
    TasksModule,
    AttachmentsModule,
    OutboxModule,
    NotificationsModule,
  ],
  providers: [ConsultationsService, ConsultationsDemoSeed, ConsultationReminders],
  exports: [ConsultationsService, ConsultationsDemoSeed],
})
export class ConsultationsModule {}
