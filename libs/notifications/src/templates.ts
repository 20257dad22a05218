import { Eta } from 'eta';
import type { NotificationSection } from './notification.entity.js';

/** One line of an email: what, why, when, and the link to the record. */
export interface EmailItem {
  section: NotificationSection;
  ruleLabel: { ko: string; en: string };
  title: string;
  dueDate: string;
  link: string;
  /** What the person should know besides, e.g. the reviewer's comment on a returned report. */
  note?: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type EmailLanguage = 'ko' | 'en';

const SECTION_LABELS: Record<NotificationSection, { ko: string; en: string }> = {
  ACTION_REQUIRED: { ko: '조치 필요', en: 'Action required' },
  DUE_SOON: { ko: '기한 임박', en: 'Due soon' },
  OVERDUE: { ko: '기한 경과', en: 'Overdue' },
};
const SECTIONS: NotificationSection[] = ['ACTION_REQUIRED', 'OVERDUE', 'DUE_SOON'];

const WORDS = {
  ko: { due: '기한', note: '의견' },
  en: { due: 'due', note: 'Comment' },
} as const;

// HTML escapes (<%= %>); the plain-text part prints as written (<%~ %>).
const eta = new Eta({ autoEscape: true, autoTrim: false });

const TEXT = `<%~ it.greeting %>

<% it.sections.forEach(function (s) { %>■ <%~ s.label %> (<%= s.items.length %>)
<% s.items.forEach(function (i) { %>- [<%~ i.label %>] <%~ i.title %> · <%~ it.words.due %> <%= i.dueDate %>
<% if (i.note) { %>  <%~ it.words.note %>: <%~ i.note %>
<% } %>  <%~ i.link %>
<% }) %>
<% }) %>
<%~ it.footer %>
`;

const HTML = `<!doctype html>
<html lang="<%= it.language %>"><head><meta charset="utf-8"><title><%= it.subject %></title></head>
<body style="font-family: 'Pretendard GOV', 'Malgun Gothic', sans-serif; color: #1e2124; line-height: 1.5">
<p><%= it.greeting %></p>
<% it.sections.forEach(function (s) { %>
<h2 style="font-size: 17px; margin: 20px 0 8px"><%= s.label %> (<%= s.items.length %>)</h2>
<ul>
<% s.items.forEach(function (i) { %>
  <li><strong><%= i.label %></strong> · <a href="<%= i.link %>"><%= i.title %></a> · <%= it.words.due %> <%= i.dueDate %><% if (i.note) { %><br><%= it.words.note %>: <%= i.note %><% } %></li>
<% }) %>
</ul>
<% }) %>
<p style="color: #464c53; font-size: 13px"><%= it.footer %></p>
</body></html>
`;

// Compiled once: compiling on every render cost more than rendering (the fan-out's profile).
const TEXT_TEMPLATE = eta.compile(TEXT);
const HTML_TEMPLATE = eta.compile(HTML);

/**
 * The reminder email (a day's digest, or one urgent item) in the recipient's language (their
 * preference; Korean by default), plain text and HTML from the same data. Items are grouped into
 * action required, overdue and due soon; empty sections are left out.
 */
export function renderEmail(input: {
  recipientName: string;
  items: EmailItem[];
  urgent: boolean;
  language: EmailLanguage;
  settingsLink: string;
}): RenderedEmail {
  const lang = input.language;
  const sections = SECTIONS.map((section) => ({
    label: SECTION_LABELS[section][lang],
    items: input.items
      .filter((i) => i.section === section)
      .map((i) => ({ ...i, label: i.ruleLabel[lang] })),
  })).filter((s) => s.items.length > 0);
  const count = input.items.length;
  const first = input.items[0];
  const subject = input.urgent
    ? `[Gwaje] ${first.ruleLabel[lang]}: ${first.title}`
    : lang === 'ko'
      ? `[Gwaje] 오늘 확인할 일 ${count}건`
      : `[Gwaje] ${count} item${count === 1 ? '' : 's'} to look at today`;
  const data = {
    subject,
    language: lang,
    words: WORDS[lang],
    sections,
    greeting:
      lang === 'ko'
        ? `${input.recipientName}님, 적극행정 과제 관리 시스템 Gwaje에서 알려 드립니다.`
        : `Hello ${input.recipientName}, this is Gwaje, the proactive-administration task system.`,
    footer:
      lang === 'ko'
        ? `알림 설정(하루 한 번 묶어 받기, 언어)은 ${input.settingsLink} 에서 바꿀 수 있습니다.`
        : `Change your notification settings (daily digest, language) at ${input.settingsLink}.`,
  };
  return {
    subject,
    text: eta.render(TEXT_TEMPLATE, data).replace(/\n{3,}/g, '\n\n'),
    html: eta.render(HTML_TEMPLATE, data),
  };
}
