import type { EntityManager } from 'typeorm';
import {
  computeSections,
  dashboardSections,
  historyMarkSql,
  registerDashboardSection,
} from './dashboard-sections.js';

const m = {} as EntityManager;
const input = { organisationId: 'org', year: 2026, asOf: '2026-07-01' };

describe('the dashboards’ section port', () => {
  it('without sections the mark is the organisation’s own history only', () => {
    expect(historyMarkSql('o.id')).toBe(
      '(SELECT max(h0.id) FROM history h0 WHERE h0.organisation_id = o.id)',
    );
  });

  it('refuses a name that is no plain key', () => {
    expect(() =>
      registerDashboardSection({ name: 'bad name', compute: () => Promise.resolve(1) }),
    ).toThrow(/letters and digits/);
    expect(() =>
      registerDashboardSection({ name: '1st', compute: () => Promise.resolve(1) }),
    ).toThrow();
  });

  it('computes each section with the compile’s input, leaving out those that answer null', async () => {
    const seen: unknown[] = [];
    registerDashboardSection({
      name: 'alpha',
      compute: (_m, i) => {
        seen.push(i);
        return Promise.resolve({ n: 1 });
      },
      historyMarkSql: (org) => `SELECT max(id) FROM elsewhere WHERE coordinator = ${org}`,
    });
    registerDashboardSection({ name: 'beta', compute: () => Promise.resolve(null) });
    // Registering again under the same name replaces (idempotent start-up).
    registerDashboardSection({ name: 'beta', compute: () => Promise.resolve(undefined) });
    expect(dashboardSections().map((s) => s.name)).toEqual(['alpha', 'beta']);
    expect(await computeSections(m, input)).toEqual({ alpha: { n: 1 } });
    expect(seen).toEqual([input]);
  });

  it('a section’s history mark joins the organisation’s own in GREATEST', () => {
    expect(historyMarkSql('$1::uuid')).toBe(
      'GREATEST((SELECT max(h0.id) FROM history h0 WHERE h0.organisation_id = $1::uuid), (SELECT max(id) FROM elsewhere WHERE coordinator = $1::uuid))',
    );
  });
});
