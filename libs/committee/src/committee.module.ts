import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { COMMITTEE_ANNUAL_FIGURES } from './committee-annual-figures.js';
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
export class CommitteeModule implements OnModuleInit {
  onModuleInit(): void {
    // The annual 추진실적 report's 적극행정위원회 section (@gwaje/annual-figures).
    registerAnnualFigures(COMMITTEE_ANNUAL_FIGURES);
  }
}
