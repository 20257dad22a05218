import { hasCase, type SearchRow, toSearchGroups } from './search.service.js';

const row = (over: Partial<SearchRow>): SearchRow => ({
  type: 'task',
  id: '00000000-0000-4000-8000-000000000001',
  code: null,
  title: '제목',
  body: '',
  path: '/tasks/1',
  year: 2026,
  status: 'IN_PROGRESS',
  rank: 2,
  sort_at: new Date('2026-01-01T00:00:00Z'),
  ...over,
});
const at = (day: number) => new Date(Date.UTC(2026, 0, day));

describe('toSearchGroups', () => {
  it('groups by kind in a fixed order, keeps the newest `limit` and says when there are more', () => {
    const rows = [
      row({ type: 'report', id: 'r1', sort_at: at(1) }),
      row({ type: 'task', id: 't1', sort_at: at(1) }),
      row({ type: 'task', id: 't3', sort_at: at(3) }),
      row({ type: 'task', id: 't2', sort_at: at(2) }),
    ];
    const groups = toSearchGroups(rows, '복지', 2);
    expect(groups.map((g) => [g.type, g.items.map((i) => i.id), g.hasMore])).toEqual([
      ['task', ['t3', 't2'], true],
      ['report', ['r1'], false],
    ]);
  });

  it('ranks the page: the exact code, then code or title, then text (newest first within each)', () => {
    const rows = [
      row({ id: 'text-new', rank: 2, sort_at: at(5), body: '복지 사각지대' }),
      row({ id: 'title-old', rank: 1, sort_at: at(1), title: '복지버스' }),
      row({ id: 'title-new', rank: 1, sort_at: at(4), title: '청년 복지' }),
      row({ id: 'code', rank: 0, sort_at: at(2), code: '2026-01' }),
      row({ id: 'code-part', rank: 1, sort_at: at(3), code: '2026-010' }),
    ];
    const items = toSearchGroups(rows, '2026-01', 10)[0].items;
    expect(items.map((i) => [i.id, i.matched])).toEqual([
      ['code', 'code'],
      ['code-part', 'code'],
      ['title-new', 'title'],
      ['title-old', 'title'],
      ['text-new', 'text'],
    ]);
  });

  it('gives an excerpt only for a text match, and years as numbers', () => {
    const [text, title] = toSearchGroups(
      [
        row({ id: 'a', rank: 2, body: '현장 복지 상담', sort_at: at(2), year: '2025' as never }),
        row({ id: 'b', rank: 1, body: '복지 본문', sort_at: at(1) }),
      ],
      '복지',
      10,
    )[0].items.sort((x, y) => x.id.localeCompare(y.id));
    expect(text).toMatchObject({ snippet: '현장 복지 상담', matched: 'text', year: 2025 });
    expect(title).toMatchObject({ snippet: null, matched: 'title' });
  });
});

describe('hasCase', () => {
  it('is true only for text with a cased letter', () => {
    expect(hasCase('복지 2026-01')).toBe(false);
    expect(hasCase('Q1 실적')).toBe(true);
    expect(hasCase('ß')).toBe(true);
  });
});
