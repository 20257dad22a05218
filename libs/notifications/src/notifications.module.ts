import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailerService } from './mailer.service.js';
import { OutboxModule } from '@gwaje/outbox';
import {
  Notification,
  NotificationEmail,
  NotificationPreference,
  ReminderRunDay,
} from './notification.entity.js';
import { EmailDelivery } from './email-delivery.service.js';
import { NotificationInbox } from './notification-inbox.service.js';
import { ReminderRunner } from './reminder-runner.service.js';
import { ReminderSources } from './reminder-port.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Notification,
      NotificationEmail,
      NotificationPreference,
      ReminderRunDay,
    ]),
    OutboxModule,
  ],
  providers: [ReminderRunner, EmailDelivery, NotificationInbox, MailerService, ReminderSources],
  exports: [ReminderRunner, EmailDelivery, NotificationInbox, MailerService, ReminderSources],
})
export class NotificationsModule {}
