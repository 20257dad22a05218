import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
  ],
  providers: [
    AgendaSubjects,
    CommitteeMembersService,
    CommitteeMeetingsService,
    AgendaItemsService,
  ],
  exports: [AgendaSubjects, CommitteeMembersService, CommitteeMeetingsService, AgendaItemsService],
})
export class CommitteeModule {}
