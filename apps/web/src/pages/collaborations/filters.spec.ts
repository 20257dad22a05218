import {
  EMPTY_FILTERS,
  filterParams,
  type Filters,
  listQuery,
  parseFilters,
  sharesBody,
} from './filters';

const ORG = '0b6a8f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('협업과제 list filters', () => {
  it('reads what the URL chose and drops what the API would refuse', () => {
    expect(parseFilters(new URLSearchParams(''))).toEqual(EMPTY_FILTERS);
    expect(
      parseFilters(
        new URLSearchParams(
          `focus=true&status=IN_PROGRESS&delayed=false&coordinatorOrganisationId=${ORG}&coordinated=true&year=2026`,
        ),
      ),
    ).toEqual({
      focus: 'true',
      status: 'IN_PROGRESS',
      delayed: 'false',
      coordinatorOrganisationId: ORG,
      coordinated: true,
      year: '2026',
    });
    expect(
      parseFilters(
        new URLSearchParams(
          'focus=yes&status=RUNNING&delayed=1&coordinatorOrganisationId=abc&coordinated=1&year=1999',
        ),
      ),
    ).toEqual(EMPTY_FILTERS);
  });

  it('round-trips through the URL and asks the API for the same', () => {
    const f: Filters = { ...EMPTY_FILTERS, focus: 'false', status: 'COMPLETED', year: '2025' };
    const params = filterParams(f, 40);
    expect(params.toString()).toBe('focus=false&status=COMPLETED&year=2025&offset=40');
    expect(parseFilters(params)).toEqual(f);
    expect(filterParams(EMPTY_FILTERS).toString()).toBe('');
    expect(listQuery(f, 20, 40)).toEqual({
      focus: false,
      status: ['COMPLETED'],
      year: 2025,
      limit: 20,
      offset: 40,
    });
    expect(listQuery({ ...EMPTY_FILTERS, delayed: 'true', coordinated: true }, 20, 0)).toEqual({
      delayed: true,
      coordinated: true,
      limit: 20,
      offset: 0,
    });
  });

  it('sends the shares of the assigned milestones in the task’s order', () => {
    const milestones = [{ milestoneId: 'm1' }, { milestoneId: 'm2' }, { milestoneId: 'm3' }];
    expect(sharesBody(milestones, { m3: 'b', m1: 'a', m2: '' })).toEqual([
      { milestoneId: 'm1', organisationId: 'a' },
      { milestoneId: 'm3', organisationId: 'b' },
    ]);
    expect(sharesBody(milestones, {})).toEqual([]);
  });
});
