// The English of `savedViews` (saved-views-messages.ts), fetched when the user reads English.
import type { Messages } from './saved-views-messages';

const en: Messages = {
  label: 'Saved views',
  none: 'Choose a saved view',
  shared: '{{name}} (shared)',
  apply: 'Apply view',
  save: 'Save current filters',
  remove: 'Delete view',
  dialogTitle: 'Save the current filters as a view',
  name: 'View name',
  nameHint: 'Up to 100 characters. Saves the list’s current filters and sort.',
  share: 'Share with the whole organisation',
  shareHint:
    'Everyone in your organisation can choose this view (deleted by its author, the office or an administrator).',
  submit: 'Save',
  saved: 'Saved the view “{{name}}”.',
  applied: 'Applied the view “{{name}}”.',
  removed: 'Deleted the view “{{name}}”.',
  confirmRemove: 'Delete the view “{{name}}”?',
  removeConsequence: 'Only the saved filters go; no record of the list changes.',
  removeNow: 'Delete',
  exportXlsx: 'Download XLSX',
  exportCsv: 'Download CSV',
  exporting: 'Preparing the file…',
  exported: 'Downloaded: the list with the current filters.',
};

export default en;
