// The English of `holidays` (holidays-messages.ts), fetched when the user reads English.
import type { Messages } from './holidays-messages';

const en: Messages = {
  title: 'Holidays and closures',
  description:
    'Deadlines are counted in business days. The system administrator declares a temporary public holiday the holiday data (official gazette) does not have yet; an organisation’s administrator declares its closures. Declaring or withdrawing one recounts every open deadline that counted the day, with a history entry on each record.',
  horizon: 'Holiday data until {{until}} (deadlines in {{next}} need an upgraded package).',
  caption: 'Declared holidays and closures',
  empty: 'No holiday or closure has been declared.',
  colDate: 'Date',
  colName: 'Name',
  colScope: 'Applies to',
  colBasis: 'Basis',
  colMoved: 'Deadlines moved',
  colState: 'State',
  national: 'National holiday',
  closure: 'Closure: {{name}}',
  inForce: 'In force',
  withdrawn: 'Withdrawn',
  movedCount: '{{count}}',
  withdraw: 'Withdraw',
  withdrawTitle: 'Withdraw {{name}} on {{date}}',
  withdrawConsequence:
    'Withdrawing recounts the open deadlines this day moved, which move back, with a history entry on each record.',
  withdrawSubmit: 'Withdraw',
  withdrawnNotice: 'Withdrawn. {{count}} deadline(s) were recounted.',
  declareTitle: 'Declare a holiday or closure',
  scope: 'Applies to',
  scopeNational: 'National holiday (every organisation)',
  scopeOrganisation: 'A closure of my organisation',
  date: 'Date',
  dateHint: 'Today or later',
  name: 'Name',
  nameHint: 'e.g. 임시공휴일, 재량휴업일',
  basis: 'Basis',
  basisHint: 'The law, gazette, announcement or approved document',
  reason: 'Reason',
  reasonHint: 'Recorded in the history.',
  declareSubmit: 'Declare',
  declareConsequence:
    'Declaring {{date}} a holiday moves every open deadline that counted it as a business day (reports, consultation screenings, passive-administration reports, citizen applications, 협업SOS) on by the same count, and reminders follow the new dates.',
  declaredNotice: 'Declared. {{count}} deadline(s) moved.',
};

export default en;
