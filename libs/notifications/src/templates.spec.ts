import { type EmailItem, renderEmail } from './templates.js';

const BASE = 'https://gwaje.example.go.kr';
const SETTINGS = `${BASE}/me/notifications`;

const dueSoon: EmailItem = {
  section: 'DUE_SOON',
  ruleLabel: { ko: '이행실적 제출 기한 임박', en: 'Report due soon' },
  title: '민원 처리 기간 단축 (2026-Q3)',
  dueDate: '2026-10-08',
  link: `${BASE}/reports/r-1`,
};
const overdue: EmailItem = {
  section: 'OVERDUE',
  ruleLabel: { ko: '이행실적 미제출', en: 'Report overdue' },
  title: '인허가 절차 간소화 (2026-Q2)',
  dueDate: '2026-07-10',
  link: `${BASE}/reports/r-2`,
};
const actionRequired: EmailItem = {
  section: 'ACTION_REQUIRED',
  ruleLabel: { ko: '이행실적 반려', en: 'Report returned' },
  title: '규제 샌드박스 확대 (2026-Q3)',
  dueDate: '2026-10-02',
  link: `${BASE}/reports/r-3`,
};

function render(items: EmailItem[], options: { urgent?: boolean; preferEnglish?: boolean } = {}) {
  return renderEmail({
    recipientName: '김민원',
    items,
    urgent: options.urgent ?? false,
    preferEnglish: options.preferEnglish,
    settingsLink: SETTINGS,
  });
}

/** Positions of each needle in the haystack, failing on any missing one. */
function positions(haystack: string, needles: string[]): number[] {
  return needles.map((needle) => {
    const at = haystack.indexOf(needle);
    expect({ needle, found: at >= 0 }).toEqual({ needle, found: true });
    return at;
  });
}

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] < x);

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('renderEmail', () => {
  // Items given in the "wrong" order: due soon, overdue, action required.
  const digest = render([dueSoon, overdue, actionRequired]);

  describe('sections', () => {
    it('groups the plain text into 조치 필요, 기한 경과, 기한 임박 in that order, Korean then English', () => {
      const text = digest.text;
      expect(
        ascending(
          positions(text, [
            '■ 조치 필요 (1)',
            `- [이행실적 반려] ${actionRequired.title} · 기한 2026-10-02`,
            '■ 기한 경과 (1)',
            `- [이행실적 미제출] ${overdue.title} · 기한 2026-07-10`,
            '■ 기한 임박 (1)',
            `- [이행실적 제출 기한 임박] ${dueSoon.title} · 기한 2026-10-08`,
            '--- English ---',
            '■ Action required (1)',
            `- [Report returned] ${actionRequired.title} · due 2026-10-02`,
            '■ Overdue (1)',
            `- [Report overdue] ${overdue.title} · due 2026-07-10`,
            '■ Due soon (1)',
            `- [Report due soon] ${dueSoon.title} · due 2026-10-08`,
          ]),
        ),
      ).toBe(true);
    });

    it('groups the HTML the same way, with the English part in a lang="en" block after the Korean', () => {
      const html = digest.html;
      expect(html).toMatch(/^<!doctype html>\n<html lang="ko">/);
      expect(
        ascending(
          positions(html, [
            '>조치 필요 (1)</h2>',
            actionRequired.title,
            '>기한 경과 (1)</h2>',
            overdue.title,
            '>기한 임박 (1)</h2>',
            dueSoon.title,
            '<div lang="en">',
            '>Action required (1)</h2>',
            '>Overdue (1)</h2>',
            '>Due soon (1)</h2>',
          ]),
        ),
      ).toBe(true);
      expect(html).toContain(
        `<li><strong>이행실적 반려</strong> · <a href="${actionRequired.link}">${actionRequired.title}</a> · 기한 2026-10-02</li>`,
      );
      expect(html).toContain(
        `<li><strong>Report returned</strong> · <a href="${actionRequired.link}">${actionRequired.title}</a> · due 2026-10-02</li>`,
      );
    });

    it('counts the items of each section', () => {
      const second: EmailItem = { ...dueSoon, title: '두 번째 과제', link: `${BASE}/tasks/t-9` };
      const email = render([dueSoon, second]);
      expect(email.text).toContain('■ 기한 임박 (2)');
      expect(email.text).toContain('■ Due soon (2)');
      expect(email.html).toContain('>기한 임박 (2)</h2>');
      expect(email.html).toContain('>Due soon (2)</h2>');
      // Within a section the items keep the order given.
      expect(ascending(positions(email.text, [dueSoon.title, second.title]))).toBe(true);
    });

    it('leaves out empty sections', () => {
      const email = render([dueSoon, actionRequired]);
      for (const part of [email.text, email.html]) {
        expect(part).toContain('조치 필요 (1)');
        expect(part).toContain('기한 임박 (1)');
        expect(part).not.toContain('기한 경과');
        expect(part).not.toMatch(/Overdue \(/);
      }
      const only = render([overdue]);
      for (const part of [only.text, only.html]) {
        expect(part).toContain('기한 경과 (1)');
        expect(part).not.toContain('조치 필요');
        expect(part).not.toContain('기한 임박');
        expect(part).not.toContain('Action required');
        expect(part).not.toContain('Due soon');
      }
    });

    it('keeps the plain text free of runs of blank lines', () => {
      expect(digest.text).not.toMatch(/\n{3,}/);
    });
  });

  describe('Korean first, English part', () => {
    it('greets in Korean, then in English, in both text and HTML', () => {
      for (const part of [digest.text, digest.html]) {
        expect(
          ascending(
            positions(part, [
              '김민원님, 적극행정 과제 관리 시스템 Gwaje에서 알려 드립니다.',
              'Hello 김민원, this is Gwaje, the proactive-administration task system.',
            ]),
          ),
        ).toBe(true);
      }
    });
  });

  describe('links', () => {
    it('links every record in the Korean and the English part of both text and HTML', () => {
      for (const item of [dueSoon, overdue, actionRequired]) {
        expect(occurrences(digest.text, item.link)).toBe(2);
        expect(occurrences(digest.html, `<a href="${item.link}">`)).toBe(2);
      }
    });

    it('links the notification settings in both languages of both parts', () => {
      for (const part of [digest.text, digest.html]) {
        expect(part).toContain(`알림 설정(하루 한 번 묶어 받기, 언어)은 ${SETTINGS} 에서`);
        expect(part).toContain(
          `Change your notification settings (daily digest, language) at ${SETTINGS}.`,
        );
      }
    });
  });

  describe('escaping', () => {
    const hostile: EmailItem = {
      ...actionRequired,
      title: `<script>alert("x")</script> & <img src=x onerror=alert(1)>`,
    };

    it('escapes titles in the HTML, so <script> never appears unescaped', () => {
      for (const urgent of [false, true]) {
        const { html } = render([hostile, dueSoon], { urgent });
        expect(html).not.toContain('<script');
        expect(html).not.toContain('<img');
        expect(html).toContain(
          '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
        );
      }
    });

    it('escapes the urgent subject (which names the title) in the HTML <title>', () => {
      const { subject, html } = render([hostile], { urgent: true });
      expect(subject).toContain(hostile.title); // a header is not HTML
      expect(html).toMatch(/<title>\[Gwaje\] 이행실적 반려: &lt;script&gt;.*<\/title>/);
    });

    it('escapes the recipient name and rule labels in the HTML', () => {
      const { html } = renderEmail({
        recipientName: '<b>Kim</b>',
        items: [{ ...dueSoon, ruleLabel: { ko: '<i>ko</i>', en: '<i>en</i>' } }],
        urgent: false,
        settingsLink: SETTINGS,
      });
      expect(html).not.toContain('<b>');
      expect(html).not.toContain('<i>');
      expect(html).toContain('&lt;b&gt;Kim&lt;/b&gt;님');
      expect(html).toContain('<strong>&lt;i&gt;ko&lt;/i&gt;</strong>');
    });

    it('shows the plain text as written, not HTML-escaped', () => {
      const { text } = renderEmail({
        recipientName: `O'Brien & Co`,
        items: [hostile],
        urgent: false,
        settingsLink: SETTINGS,
      });
      expect(text).toContain(`- [이행실적 반려] ${hostile.title} · 기한 2026-10-02`);
      expect(text).toContain(`O'Brien & Co님, 적극행정`);
      expect(text).toContain(`Hello O'Brien & Co, this is Gwaje`);
      expect(text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
    });
  });

  describe('subject', () => {
    it('counts the items of a digest, Korean with the English in brackets', () => {
      expect(digest.subject).toBe('[Gwaje] 오늘 확인할 일 3건 (3 items to look at today)');
      expect(render([overdue]).subject).toBe(
        '[Gwaje] 오늘 확인할 일 1건 (1 item to look at today)',
      );
    });

    it('names the rule and the title of an urgent email', () => {
      expect(render([actionRequired], { urgent: true }).subject).toBe(
        `[Gwaje] 이행실적 반려: ${actionRequired.title} (Report returned: ${actionRequired.title})`,
      );
    });

    it('is English only when the recipient prefers English', () => {
      expect(render([dueSoon, overdue, actionRequired], { preferEnglish: true }).subject).toBe(
        '[Gwaje] 3 items to look at today',
      );
      expect(render([dueSoon], { preferEnglish: true }).subject).toBe(
        '[Gwaje] 1 item to look at today',
      );
      expect(render([actionRequired], { urgent: true, preferEnglish: true }).subject).toBe(
        `[Gwaje] Report returned: ${actionRequired.title}`,
      );
    });

    it('keeps the body Korean first even for a recipient who prefers English', () => {
      const { text } = render([dueSoon], { preferEnglish: true });
      expect(
        ascending(positions(text, ['■ 기한 임박 (1)', '--- English ---', '■ Due soon (1)'])),
      ).toBe(true);
    });

    it('puts the subject in the HTML <title>', () => {
      expect(digest.html).toContain(
        '<title>[Gwaje] 오늘 확인할 일 3건 (3 items to look at today)</title>',
      );
    });
  });
});
