// The English of `imports` (messages.ts), fetched when the user reads English.
import type { Messages } from './messages';

const en: Messages = {
  title: 'Import',
  crumb: 'Admin',
  description:
    'Bring in lists of departments, users and priority tasks from an Excel (XLSX) or CSV file. Download the template, fill it in, preview first, then import.',
  kind: 'What to import',
  kinds: {
    departments: 'Departments',
    users: 'Users and roles',
    tasks: 'Priority tasks and milestones',
    milestones: 'Milestones (of existing tasks)',
  },
  kindHint: {
    departments:
      'A department of the same name is updated, not created again. Administrators only.',
    users:
      'A user with the same e-mail is updated, not created again. New users get a temporary password to change at the first sign-in. Administrators only.',
    tasks:
      'A task with the same code (or, without one, year and title) is updated, not created again. New tasks are drafts or proposals. The proactive administration office only.',
    milestones:
      'For milestones imported apart, after tasks from a CSV file. The proactive administration office only.',
  },
  template: 'Download the template (XLSX)',
  templateFailed: 'The template could not be downloaded.',
  file: 'File',
  fileHint: 'One XLSX or CSV (UTF-8, EUC-KR) file. The content decides the format, not the name.',
  chooseFile: 'Choose the file to import.',
  preview: 'Preview',
  previewing: 'Checking…',
  import: 'Import',
  importing: 'Importing…',
  importHint:
    'Import becomes possible once the preview finds no error. All rows are saved at once.',
  previewNotice: 'This is a preview. Nothing has been saved yet.',
  done: 'Imported.',
  summary: '{{created}} created · {{updated}} updated · {{unchanged}} unchanged',
  previewSummary: '{{created}} to create · {{updated}} to update · {{unchanged}} unchanged',
  ignored: 'Columns not read: {{columns}}',
  resultCaption: 'Result by row ({{count}})',
  colSheet: 'Sheet',
  colRow: 'Row',
  colKey: 'Record',
  colOutcome: 'Result',
  colChanges: 'To change',
  colChanged: 'Changed',
  colPassword: 'Temporary password',
  outcome: { created: 'Created', updated: 'Updated', unchanged: 'Unchanged' },
  previewOutcome: { created: 'To create', updated: 'To update', unchanged: 'Unchanged' },
  passwordsWarning:
    'Temporary passwords are shown on this screen once only. Hand them to the users safely before you leave; each must change it at the first sign-in.',
  errorsTitle: 'The file has errors, so nothing was imported.',
  errorsCaption: 'Errors ({{count}})',
  errorsMore: 'There are {{total}} errors; the first {{shown}} are shown.',
  colColumn: 'Column',
  colError: 'Error',
  whole: 'whole',
  none: '–',
  forbidden:
    'Imports are for administrators (departments, users) and the proactive administration office (priority tasks).',
};

export default en;
