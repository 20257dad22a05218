import { Eta } from 'eta';
import type { NotificationSection } from './notification.entity.js';

/** One line of an email: what, why, when, and the link to the record. */
export interface EmailItem {
  section: NotificationSection;
  ruleLabel: { ko: string; en: string };
  title: string;
  dueDate: string;
  link: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SECTION_LABELS: Record<NotificationSection, { ko: string; en: string }> = {
  ACTION_REQUIRED: { ko: '조치 필요', en: 'Action required' },
  DUE_SOON: { ko: '기한 임박', en: 'Due soon' },
  OVERDUE: { ko: '기한 경과', en: 'Overdue' },
};
const SECTIONS: NotificationSection[] = ['ACTION_REQUIRED', 'OVERDUE', 'DUE_SOON'];

// HTML escapes (<%= %>); the plain-text part prints as written (<%~ %>).
const eta = new Eta({ autoEscape: true, autoTrim: false });

const TEXT = `<%~ it.greeting.ko %>

<% it.sections.forEach(function (s) { %>■ <%~ s.label.ko %> (<%= s.items.length %>)
<% s.items.forEach(function (i) { %>- [<%~ i.ruleLabel.ko %>] <%~ i.title %> · 기한 <%= i.dueDate %>
  <%~ i.link %>
<% }) %>
<% }) %>
<%~ it.footer.ko %>

--- English ---
<%~ it.greeting.en %>

<% it.sections.forEach(function (s) { %>■ <%~ s.label.en %> (<%= s.items.length %>)
<% s.items.forEach(function (i) { %>- [<%~ i.ruleLabel.en %>] <%~ i.title %> · due <%= i.dueDate %>
  <%~ i.link %>
<% }) %>
<% }) %>
<%~ it.footer.en %>
`;

const HTML = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title><%= it.subject %></title></head>
<body style="font-family: 'Pretendard GOV', 'Malgun Gothic', sans-serif; color: #1e2124; line-height: 1.5">
<p><%= it.greeting.ko %></p>
<% it.sections.forEach(function (s) { %>
<h2 style="font-size: 17px; margin: 20px 0 8px"><%= s.label.ko %> (<%= s.items.length %>)</h2>
<ul>
<% s.items.forEach(function (i) { %>
  <li><strong><%= i.ruleLabel.ko %></strong> · <a href="<%= i.link %>"><%= i.title %></a> · 기한 <%= i.dueDate %></li>
<% }) %>
</ul>
<% }) %>
<p style="color: #464c53; font-size: 13px"><%= it.footer.ko %></p>
<hr>
<div lang="en">
<p><%= it.greeting.en %></p>
<% it.sections.forEach(function (s) { %>
<h2 style="font-size: 17px; margin: 20px 0 8px"><%= s.label.en %> (<%= s.items.length %>)</h2>
<ul>
<% s.items.forEach(function (i) { %>
  <li><strong><%= i.ruleLabel.en %></strong> · <a href="<%= i.link %>"><%= i.title %></a> · due <%= i.dueDate %></li>
<% }) %>
</ul>
<% }) %>
<p style="color: #464c53; font-size: 13px"><%= it.footer.en %></p>
</div>
</body></html>
`;

/**
 * The reminder email (a day's digest, or one urgent item): Korean first with an English part,
 * plain text and HTML from the same data. Items are grouped into action required, overdue and due
 * soon; empty sections are left out.
 */
export function renderEmail(input: {
  recipientName: string;
  items: EmailItem[];
  urgent: boolean;
  preferEnglish?: boolean;
  settingsLink: string;
}): RenderedEmail {
  const sections = SECTIONS.map((section) => ({
    label: SECTION_LABELS[section],
    items: input.items.filter((i) => i.section === section),
  })).filter((s) => s.items.length > 0);
  const count = input.items.length;
  const first = input.items[0];
  const subjectKo = input.urgent
    ? `[Gwaje] ${first.ruleLabel.ko}: ${first.title}`
    : `[Gwaje] 오늘 확인할 일 ${count}건`;
  const subjectEn = input.urgent
    ? `${first.ruleLabel.en}: ${first.title}`
    : `${count} item${count === 1 ? '' : 's'} to look at today`;
  const subject = input.preferEnglish ? `[Gwaje] ${subjectEn}` : `${subjectKo} (${subjectEn})`;
  const data = {
    subject,
    sections,
    greeting: {
      ko: `${input.recipientName}님, 적극행정 과제 관리 시스템 Gwaje에서 알려 드립니다.`,
      en: `Hello ${input.recipientName}, this is Gwaje, the proactive-administration task system.`,
    },
    footer: {
      ko: `알림 설정(하루 한 번 묶어 받기, 언어)은 ${input.settingsLink} 에서 바꿀 수 있습니다.`,
      en: `Change your notification settings (daily digest, language) at ${input.settingsLink}.`,
    },
  };
  return {
    subject,
    text: eta.renderString(TEXT, data).replace(/\n{3,}/g, '\n\n'),
    html: eta.renderString(HTML, data),
  };
}
