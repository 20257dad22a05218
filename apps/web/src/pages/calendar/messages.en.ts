// The English of `calendar` (messages.ts), fetched when the user reads English.
import type { Messages } from './messages';

const en: Messages = {
  title: 'Calendar',
  description:
    'The deadlines you are concerned with: milestones of your tasks, reports to submit, consultation screening and opinions.',
  month: '{{month}}/{{year}}',
  caption: 'Deadlines of {{month}}/{{year}} (Seoul time)',
  previous: 'Previous month',
  next: 'Next month',
  thisMonth: 'This month',
  viewMonth: 'Month view',
  viewList: 'List view',
  weekdays: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
  today: 'today',
  empty: 'No deadline this month.',
  date: 'Date',
  kindLabel: 'Kind',
  item: 'What',
  kind: {
    MILESTONE: 'Milestone due',
    REPORT: 'Report due',
    CONSULTATION_SCREENING: 'Consultation screening',
    CONSULTATION_OPINION: 'Consultation opinion',
  },
  dayItems: '{{day}}: {{count}}',
  feed: {
    heading: 'Subscribe in a calendar application',
    intro:
      'You can subscribe to these deadlines in a phone or desktop calendar (iCal). Anyone with the URL sees their titles and days: keep it private.',
    none: 'You have no feed URL yet.',
    active: 'You have a feed URL made on {{at}}. It is shown only when made.',
    create: 'Make a feed URL',
    renew: 'Make a new URL (the old one stops working)',
    revoke: 'Revoke the feed URL',
    url: 'Feed URL',
    urlHint:
      'Paste it into your calendar’s “subscribe by URL”. It cannot be shown again once you leave.',
    copy: 'Copy URL',
    copied: 'URL copied.',
    revoked: 'The feed URL was revoked: it no longer serves your deadlines.',
    confirmRevoke: 'Revoke the feed URL?',
    revokeConsequence: 'Calendars subscribed to it stop receiving your deadlines.',
    revokeNow: 'Revoke',
  },
};

export default en;
