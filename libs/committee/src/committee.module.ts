import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@gwaje/notifications';
import { CommitteeReminders } from './committee-reminders.js';
import { AgendaSubjects } from './agenda-port.js';
import { AgendaItemsService } from './agenda-items.service.js';
import {
  CommitteeAgendaItem,
  CommitteeAttendance,
  CommitteeExclusion,
  CommitteeMeeting,
  CommitteeMember,
  CommitteeVote,
} from './committee.entity.js';
import { CommitteeMeetingsService } from './committee-meetings.service.js';
import { CommitteeMembersService } from './committee-members.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CommitteeMember,
      CommitteeMeeting,
      CommitteeAttendance,
      CommitteeAgendaItem,
      CommitteeExclusion,
      CommitteeVote,
    ]),
    NotificationsModule,
  ],
  providers: [
    AgendaSubjects,
    CommitteeMembersService,
    CommitteeMeetingsService,
    AgendaItemsService,
    CommitteeReminders,
  ],
  exports: [AgendaSubjects, CommitteeMembersService, CommitteeMeetingsService, AgendaItemsService],
})
export class CommitteeModule {}
