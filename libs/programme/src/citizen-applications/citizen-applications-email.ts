import type { DirectEmail } from '@gwaje/notifications';
import type { ApplicationDecision } from './citizen-applications-rules.js';

/** What the reply e-mail is written from (claimed with it). */
export interface ReplyEmailRow {
  id: string;
  application_number: string;
  applicant_name: string;
  applicant_email: string;
  decision: ApplicationDecision | null;
  decision_reasons: string | null;
  received_on: string;
  replied_on: string;
  reply_text: string | null;
  organisation_name: string;
}

const DECISION: Record<ApplicationDecision, { ko: string; en: string }> = {
  ACCEPTED: { ko: '수용', en: 'accepted' },
  REJECTED: { ko: '불수용', en: 'not accepted' },
};

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\n/g, '<br>');

/** The reply to the applicant: Korean first, an English part, plain text and HTML. */
export function composeReplyEmail(r: ReplyEmailRow): DirectEmail {
  const decision = r.decision ? DECISION[r.decision] : null;
  const subject = `[${r.organisation_name}] 적극행정 국민신청 처리 결과 안내 (신청번호 ${r.application_number})`;
  const ko = [
    `${r.applicant_name} 님,`,
    '',
    `${r.received_on}에 접수된 적극행정 국민신청(신청번호 ${r.application_number})의 처리 결과를 알려 드립니다.`,
    '',
    ...(decision ? [`결정: ${decision.ko}`, `사유: ${r.decision_reasons ?? ''}`, ''] : []),
    r.reply_text ?? '',
    '',
    `${r.organisation_name} 드림 (${r.replied_on})`,
  ];
  const en = [
    `Dear ${r.applicant_name},`,
    '',
    `This is the result of your application for proactive administration (적극행정 국민신청) no. ${r.application_number}, received on ${r.received_on}${decision ? `: it was ${decision.en}` : ''}. The reasons and the reply are given in Korean above.`,
    '',
    r.organisation_name,
  ];
  const text = [...ko, '', '---', '', ...en].join('\n');
  const html = `<div lang="ko">${ko.map((l) => `<p>${escape(l)}</p>`).join('')}</div><hr><div lang="en">${en
    .map((l) => `<p>${escape(l)}</p>`)
    .join('')}</div>`;
  return { to: r.applicant_email, subject, text, html };
}
