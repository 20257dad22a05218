// The English of `search` (messages.ts), fetched when the user reads English.
import type { Messages } from './messages';

const en: Messages = {
  title: 'Search',
  description:
    'Finds codes, titles and texts of the priority tasks, reports, pre-consultations and contest entries you may read.',
  label: 'Search for',
  hint: 'At least 2 characters: a task code, part of a title, a word of the text',
  submit: 'Search',
  tooShort: 'Enter at least 2 characters.',
  start: 'Enter what to look for and press Search.',
  summary: '{{count}} results for “{{q}}”',
  none: 'Nothing matches “{{q}}”.',
  showMore: 'More {{type}}',
  type: {
    task: 'Priority tasks',
    report: 'Reports',
    consultation: 'Pre-consultations',
    contestEntry: 'Contest entries',
  },
  typeCount: '{{type}}: {{count}}',
  matched: {
    code: 'code matches',
    title: 'title matches',
    text: 'text matches',
  },
  year: '{{year}}',
  header: {
    label: 'Search',
    placeholder: 'Search tasks, reports, consultations',
    submit: 'Search',
  },
};

export default en;
