import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailerService } from './mailer.service.js';
import {
  Notification,
  NotificationEmail,
  NotificationPreference,
  OutboxEntry,
} from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      OutboxEntry,
      Notification,
      NotificationEmail,
      NotificationPreference,
    ]),
  ],
  providers: [NotificationsService, MailerService],
  exports: [NotificationsService, MailerService],
})
export class NotificationsModule {}
