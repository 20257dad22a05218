import { DRILLDOWN_KINDS, DRILLDOWN_SQL, RECORD_PATHS, recordLinks } from './drilldown-query.js';

const ID = '0b7c1f4e-3c1a-4a8e-9f55-2d7f3a9b6c10';

describe('drill-down links', () => {
  it('gives each record its web page under PUBLIC_URL (as e-mails do) and its API resource', () => {
    const config = { publicUrl: 'https://gwaje.nowon.go.kr/' };
    expect(recordLinks(config, 'task', ID)).toEqual({
      webUrl: `https://gwaje.nowon.go.kr/tasks/${ID}`,
      href: `/api/v1/tasks/${ID}`,
    });
    expect(recordLinks(config, 'report', ID)).toEqual({
      webUrl: `https://gwaje.nowon.go.kr/reports/${ID}`,
      href: `/api/v1/reports/${ID}`,
    });
    expect(recordLinks(config, 'consultation', ID)).toEqual({
      webUrl: `https://gwaje.nowon.go.kr/consultations/${ID}`,
      href: `/api/v1/consultations/${ID}`,
    });
  });

  it('keeps the two apart: the web page is never an API path, the API path never absolute', () => {
    for (const type of Object.keys(RECORD_PATHS) as Array<keyof typeof RECORD_PATHS>) {
      const links = recordLinks({ publicUrl: 'http://localhost:3000' }, type, ID);
      expect(new URL(links.webUrl).pathname.startsWith('/api/')).toBe(false);
      expect(links.href.startsWith('/api/v1/')).toBe(true);
    }
  });

  it('gives a bare web path without a public base URL', () => {
    expect(recordLinks({ publicUrl: '' }, 'task', ID).webUrl).toBe(`/tasks/${ID}`);
  });
});

describe('DRILLDOWN_SQL', () => {
  it.each(DRILLDOWN_KINDS)(
    '%s takes $1..$4, returns the row fields and builds no link in SQL',
    (kind) => {
      const sql = DRILLDOWN_SQL[kind].replace(/\s+/g, ' ');
      expect([...new Set(sql.match(/\$\d+/g))].sort()).toEqual(['$1', '$2', '$3', '$4']);
      for (const column of [
        '"recordType"',
        'AS title',
        '"departmentName"',
        '"dueDate"',
        'AS total',
      ])
        expect(sql).toContain(column);
      expect(sql).not.toMatch(/\/api\/v1|link/);
    },
  );
});
