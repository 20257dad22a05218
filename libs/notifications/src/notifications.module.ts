import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailerService } from './mailer.service.js';
import { OutboxModule } from '@gwaje/outbox';
import { Notification, NotificationEmail, NotificationPreference } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';
import { ReminderSources } from './reminder-port.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Notification, NotificationEmail, NotificationPreference]),
    OutboxModule,
  ],
  providers: [NotificationsService, MailerService, ReminderSources],
  exports: [NotificationsService, MailerService, ReminderSources],
})
export class NotificationsModule {}
