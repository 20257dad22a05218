import { Module } from '@nestjs/common';
import { CollaborationModule } from '@gwaje/collaboration';
import { ConsultationsModule } from '@gwaje/consultations';
import { NotificationsModule } from '@gwaje/notifications';
import { OutboxModule } from '@gwaje/outbox';
import { ReportsModule } from '@gwaje/reports';
import { TasksModule } from '@gwaje/tasks';
import { CommentReminders } from './comment-reminders.js';
import { CommentsService } from './comments.service.js';

/** Comments sit above the records they are on: each record is read through its own service. */
@Module({
  imports: [
    TasksModule,
    ReportsModule,
    ConsultationsModule,
    CollaborationModule,
    OutboxModule,
    NotificationsModule,
  ],
  providers: [CommentsService, CommentReminders],
  exports: [CommentsService],
})
export class CommentsModule {}
