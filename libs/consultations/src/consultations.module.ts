import { Module, type OnModuleInit } from '@nestjs/common';
import { registerAnnualFigures } from '@gwaje/annual-figures';
import { registerConsultationDeadlines } from './consultation-deadline-moves.js';
import { registerConsultationSearch } from './consultation-search.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@gwaje/attachments';
import { NotificationsModule } from '@gwaje/notifications';
import { CommitteeModule } from '@gwaje/committee';
import { ConsultationAdviceAgenda } from './consultation-agenda.js';
import { OutboxModule } from '@gwaje/outbox';
import { ConsultationReminders } from './consultation-reminders.js';
import { TasksModule } from '@gwaje/tasks';
import { Consultation } from './consultation.entity.js';
import { ConsultationsDemoSeed } from './demo/consultations-demo.seed.js';
import { ConsultationsService } from './consultations.service.js';
import { ConsultationExportService } from './consultation-export.service.js';
import { CONSULTATION_ANNUAL_FIGURES } from './consultation-annual-figures.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Consultation]),
    TasksModule,
    AttachmentsModule,
    OutboxModule,
    NotificationsModule,
    CommitteeModule,
  ],
  providers: [
    ConsultationsService,
    ConsultationExportService,
    ConsultationsDemoSeed,
    ConsultationReminders,
    ConsultationAdviceAgenda,
  ],
  exports: [ConsultationsService, ConsultationExportService, ConsultationsDemoSeed],
})
export class ConsultationsModule implements OnModuleInit {
  onModuleInit(): void {
    // The annual 추진실적 report's 사전컨설팅 section (@gwaje/annual-figures).
    registerAnnualFigures(CONSULTATION_ANNUAL_FIGURES);
    // The global search's pre-consultations (@gwaje/search).
    registerConsultationSearch();
    // Screening deadlines that move with a declared holiday (@gwaje/calendar).
    registerConsultationDeadlines();
  }
}
