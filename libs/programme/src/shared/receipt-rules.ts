import type { ErrorDetail } from '@gwaje/common';

/** The day a 국민신청 or 소극행정 신고 was received: today at the latest. */
export function receivedOnProblems(receivedOn: string, today: string): ErrorDetail[] {
  return receivedOn > today
    ? [
        {
          field: 'receivedOn',
          code: 'notFuture',
          message: {
            ko: '접수일은 오늘 이후일 수 없습니다.',
            en: 'the day of receipt cannot be in the future',
          },
        },
      ]
    : [];
}
