import { type EmailItem, type EmailLanguage, renderEmail } from './templates.js';

const BASE = 'https://gwaje.example.go.kr';
const SETTINGS = `${BASE}/notifications`;

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
  note: '추진 실적의 근거 자료를 첨부해 주세요.',
};

function render(
  items: EmailItem[],
  options: { urgent?: boolean; language?: EmailLanguage; name?: string } = {},
) {
  return renderEmail({
    recipientName: options.name ?? '김민원',
    items,
    urgent: options.urgent ?? false,
    language: options.language ?? 'ko',
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

describe('renderEmail', () => {
  // Items given in the "wrong" order: due soon, overdue, action required.
  const korean = render([dueSoon, overdue, actionRequired]);
  const english = render([dueSoon, overdue, actionRequired], { language: 'en' });

  describe('sections', () => {
    it('groups the plain text into 조치 필요, 기한 경과, 기한 임박 in that order', () => {
      expect(
        ascending(
          positions(korean.text, [
            '■ 조치 필요 (1)',
            `- [이행실적 반려] ${actionRequired.title} · 기한 2026-10-02`,
            '■ 기한 경과 (1)',
            `- [이행실적 미제출] ${overdue.title} · 기한 2026-07-10`,
            '■ 기한 임박 (1)',
            `- [이행실적 제출 기한 임박] ${dueSoon.title} · 기한 2026-10-08`,
          ]),
        ),
      ).toBe(true);
    });

    it('groups the HTML the same way', () => {
      expect(korean.html).toMatch(/^<!doctype html>\n<html lang="ko">/);
      expect(
        ascending(
          positions(korean.html, [
            '>조치 필요 (1)</h2>',
            actionRequired.title,
            '>기한 경과 (1)</h2>',
            overdue.title,
            '>기한 임박 (1)</h2>',
            dueSoon.title,
          ]),
        ),
      ).toBe(true);
      expect(korean.html).toContain(
        `<li><strong>이행실적 미제출</strong> · <a href="${overdue.link}">${overdue.title}</a> · 기한 2026-07-10</li>`,
      );
    });

    it('counts the items of each section and keeps their order within it', () => {
      const second: EmailItem = { ...dueSoon, title: '두 번째 과제', link: `${BASE}/tasks/t-9` };
      const email = render([dueSoon, second]);
      expect(email.text).toContain('■ 기한 임박 (2)');
      expect(email.html).toContain('>기한 임박 (2)</h2>');
      expect(ascending(positions(email.text, [dueSoon.title, second.title]))).toBe(true);
    });

    it('leaves out empty sections', () => {
      const email = render([dueSoon, actionRequired]);
      expect(email.text).not.toContain('기한 경과');
      expect(email.html).not.toContain('기한 경과');
    });

    it('keeps the plain text free of runs of blank lines', () => {
      expect(korean.text).not.toMatch(/\n{3,}/);
    });
  });

  describe('one language per recipient', () => {
    it('writes Korean only for a recipient who reads Korean (the default)', () => {
      expect(korean.text).toContain('김민원님, 적극행정 과제 관리 시스템 Gwaje에서 알려 드립니다.');
      expect(korean.text).not.toMatch(/Report|Overdue|Hello|due 2026/);
      expect(korean.html).not.toMatch(/lang="en"|Report returned|Hello/);
    });

    it('writes English only for a recipient who chose English', () => {
      expect(english.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(
        ascending(
          positions(english.text, [
            'Hello 김민원, this is Gwaje, the proactive-administration task system.',
            '■ Action required (1)',
            `- [Report returned] ${actionRequired.title} · due 2026-10-02`,
            '■ Overdue (1)',
            '■ Due soon (1)',
          ]),
        ),
      ).toBe(true);
      expect(english.text).not.toMatch(/조치 필요|기한 경과|기한 임박|알려 드립니다/);
      expect(english.html).not.toMatch(/조치 필요|기한 임박/);
    });
  });

  describe('notes', () => {
    it('shows an item’s note (the reviewer’s comment) under it, in text and HTML', () => {
      expect(korean.text).toContain(`  의견: ${actionRequired.note}\n  ${actionRequired.link}`);
      expect(english.text).toContain(`  Comment: ${actionRequired.note}`);
      expect(korean.html).toContain(`<br>의견: ${actionRequired.note}</li>`);
      expect(korean.text.match(/의견:/g)).toHaveLength(1);
    });
  });

  describe('links', () => {
    it('links every record in text and HTML', () => {
      for (const item of [dueSoon, overdue, actionRequired]) {
        expect(korean.text).toContain(item.link);
        expect(korean.html).toContain(`href="${item.link}"`);
      }
    });

    it('links the notification settings page of the web app', () => {
      expect(korean.text).toContain(`알림 설정(하루 한 번 묶어 받기, 언어)은 ${SETTINGS} 에서`);
      expect(english.text).toContain(
        `Change your notification settings (daily digest, language) at ${SETTINGS}.`,
      );
    });
  });

  describe('escaping', () => {
    const hostile: EmailItem = {
      ...dueSoon,
      title: '<script>alert("x")</script> & 과제',
      note: '<b>굵게</b>',
    };

    it('escapes titles and notes in the HTML, so <script> never appears unescaped', () => {
      const email = render([hostile]);
      expect(email.html).not.toContain('<script>');
      expect(email.html).toContain('&lt;script&gt;');
      expect(email.html).not.toContain('<b>');
    });

    it('escapes the urgent subject (which names the title) in the HTML <title>', () => {
      const email = render([hostile], { urgent: true });
      expect(email.html).toMatch(/<title>\[Gwaje\] [^<]*&lt;script&gt;/);
    });

    it('escapes the recipient name in the HTML', () => {
      const email = render([dueSoon], { name: '<i>김</i>' });
      expect(email.html).not.toContain('<i>');
    });

    it('shows the plain text as written, not HTML-escaped', () => {
      const email = render([hostile]);
      expect(email.text).toContain(hostile.title);
    });
  });

  describe('subject', () => {
    it('counts the items of a digest in the recipient’s language', () => {
      expect(korean.subject).toBe('[Gwaje] 오늘 확인할 일 3건');
      expect(english.subject).toBe('[Gwaje] 3 items to look at today');
      expect(render([dueSoon], { language: 'en' }).subject).toBe('[Gwaje] 1 item to look at today');
    });

    it('names the rule and the title of an urgent email', () => {
      expect(render([actionRequired], { urgent: true }).subject).toBe(
        `[Gwaje] 이행실적 반려: ${actionRequired.title}`,
      );
      expect(render([actionRequired], { urgent: true, language: 'en' }).subject).toBe(
        `[Gwaje] Report returned: ${actionRequired.title}`,
      );
    });

    it('puts the subject in the HTML <title>', () => {
      expect(korean.html).toContain('<title>[Gwaje] 오늘 확인할 일 3건</title>');
    });
  });
});
