import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailerService } from './mailer.service.js';
import { OutboxModule } from '@gwaje/outbox';
import {
  Notification,
  NotificationEmail,
  NotificationPreference,
  NotificationRun,
  ReminderRunDay,
} from './notification.entity.js';
import { EmailDelivery } from './email-delivery.service.js';
import { EmailFailures } from './email-failures.service.js';
import { NotificationInbox } from './notification-inbox.service.js';
import { NotificationRuns } from './notification-runs.service.js';
import { ReminderRunner } from './reminder-runner.service.js';
import { ReminderSources } from './reminder-port.js';
import { DirectEmailDelivery, DirectEmailSources } from './direct-email.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Notification,
      NotificationEmail,
      NotificationPreference,
      ReminderRunDay,
      NotificationRun,
    ]),
    OutboxModule,
  ],
  providers: [
    ReminderRunner,
    NotificationRuns,
    EmailDelivery,
    EmailFailures,
    NotificationInbox,
    MailerService,
    ReminderSources,
    DirectEmailSources,
    DirectEmailDelivery,
  ],
  exports: [
    ReminderRunner,
    NotificationRuns,
    EmailDelivery,
    EmailFailures,
    NotificationInbox,
    MailerService,
    ReminderSources,
    DirectEmailSources,
    DirectEmailDelivery,
  ],
})
export class NotificationsModule {}
