// Every migration, in order. A new migration file must be added here (a unit test checks this).
import { Initial1795328734832 } from './1795328734832-Initial.js';
import { PriorityTasks1795331440773 } from './1795331440773-PriorityTasks.js';
import { ReportsAndAttachments1795337380195 } from './1795337380195-ReportsAndAttachments.js';
import { PreConsultations1795338894499 } from './1795338894499-PreConsultations.js';
import { Evaluations1795339464570 } from './1795339464570-Evaluations.js';
import { Notifications1795340208539 } from './1795340208539-Notifications.js';
import { Dashboards1795341118706 } from './1795341118706-Dashboards.js';
import { EmailSendLease1795351745538 } from './1795351745538-EmailSendLease.js';
import { LedgerV21795400000000 } from './1795400000000-LedgerV2.js';
import { ReminderRunDays1795500000000 } from './1795500000000-ReminderRunDays.js';
import { NotificationRuns1795600000000 } from './1795600000000-NotificationRuns.js';
import { OutboxProcessed1795700000000 } from './1795700000000-OutboxProcessed.js';
import { EmailRetries1795800000000 } from './1795800000000-EmailRetries.js';
import { DashboardCompileRequests1795910000000 } from './1795910000000-DashboardCompileRequests.js';
import { SignInRecords1796180300000 } from './1796180300000-SignInRecords.js';
import { PastPeriods1796190000000 } from './1796190000000-PastPeriods.js';
import { OrganisationTree1796200000000 } from './1796200000000-OrganisationTree.js';
import { Committee1796220000000 } from './1796220000000-Committee.js';
import { EvaluationFixes1796230000000 } from './1796230000000-EvaluationFixes.js';
import { OpinionRequests1796230100000 } from './1796230100000-OpinionRequests.js';
import { Contests1796240000000 } from './1796240000000-Contests.js';
import { Collaboration1796250000000 } from './1796250000000-Collaboration.js';
import { CollaborationTf1796260000000 } from './1796260000000-CollaborationTf.js';
import { CollaborationSos1796270000000 } from './1796270000000-CollaborationSos.js';
import { CollaborationProgress1796280000000 } from './1796280000000-CollaborationProgress.js';
import { NotificationRunDetails1796285000000 } from './1796285000000-NotificationRunDetails.js';
import { ActionPlans1796290000000 } from './1796290000000-ActionPlans.js';
import { Education1796300000000 } from './1796300000000-Education.js';
import { CitizenApplications1796310000000 } from './1796310000000-CitizenApplications.js';
import { PassiveReports1796320000000 } from './1796320000000-PassiveReports.js';
import { ExemptionRegister1796330000000 } from './1796330000000-ExemptionRegister.js';
import { AnnualReports1796340000000 } from './1796340000000-AnnualReports.js';
import { ApprovalRequestsAndReadState1796350000000 } from './1796350000000-ApprovalRequestsAndReadState.js';
import { Comments1796360000000 } from './1796360000000-Comments.js';
import { CalendarFeeds1796370000000 } from './1796370000000-CalendarFeeds.js';
import { GlobalSearch1796380000000 } from './1796380000000-GlobalSearch.js';
import { BigramSearch1796385000000 } from './1796385000000-BigramSearch.js';
import { SavedViews1796390000000 } from './1796390000000-SavedViews.js';
import { DeclaredDays1796410000000 } from './1796410000000-DeclaredDays.js';
import { FasterBigrams1796415000000 } from './1796415000000-FasterBigrams.js';

export const ALL_MIGRATIONS: Array<new () => object> = [
  Initial1795328734832,
  PriorityTasks1795331440773,
  ReportsAndAttachments1795337380195,
  PreConsultations1795338894499,
  Evaluations1795339464570,
  Notifications1795340208539,
  Dashboards1795341118706,
  EmailSendLease1795351745538,
  LedgerV21795400000000,
  ReminderRunDays1795500000000,
  NotificationRuns1795600000000,
  OutboxProcessed1795700000000,
  EmailRetries1795800000000,
  DashboardCompileRequests1795910000000,
  SignInRecords1796180300000,
  PastPeriods1796190000000,
  OrganisationTree1796200000000,
  Committee1796220000000,
  EvaluationFixes1796230000000,
  OpinionRequests1796230100000,
  Contests1796240000000,
  Collaboration1796250000000,
  CollaborationTf1796260000000,
  CollaborationSos1796270000000,
  CollaborationProgress1796280000000,
  NotificationRunDetails1796285000000,
  ActionPlans1796290000000,
  Education1796300000000,
  CitizenApplications1796310000000,
  PassiveReports1796320000000,
  ExemptionRegister1796330000000,
  AnnualReports1796340000000,
  ApprovalRequestsAndReadState1796350000000,
  Comments1796360000000,
  CalendarFeeds1796370000000,
  GlobalSearch1796380000000,
  BigramSearch1796385000000,
  SavedViews1796390000000,
  DeclaredDays1796410000000,
  FasterBigrams1796415000000,
];
