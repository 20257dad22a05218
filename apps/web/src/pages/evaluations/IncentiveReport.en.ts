// The English of the round's 우대조치 실적 (IncentiveReport.tsx), fetched when the user reads English.
import type { IncentiveMessages } from './IncentiveReport';

const en: IncentiveMessages = {
  incentiveReport: {
    title: 'Incentive report',
    hint: 'Cancelled incentives are not counted.',
    selected: 'Selected officials',
    selectedValue: '{{count}}',
    major: 'Share with a major incentive',
    majorValue: '{{officials}} of {{selected}} ({{percent}}%)',
    majorTypes: 'Major incentives: {{types}}',
    min: 'Minimum incentives per official',
    minValue: '{{count}}',
    byTypeCaption: 'Incentives granted by type',
    byStatusCaption: 'Incentives by HR execution status',
    type: 'Incentive',
    status: 'HR status',
    count: 'Count',
    countValue: '{{count}}',
    belowTitle: 'Officials below the minimum',
    belowCaption: 'Officials with fewer incentives than the minimum',
    official: 'Official',
    granted: 'Granted',
    grantedValue: '{{count}}',
    noneBelow: 'No official is below the minimum.',
    noGrants: 'No incentives granted yet.',
  },
};

export default en;
