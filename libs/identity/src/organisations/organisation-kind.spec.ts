import { ORGANISATION_KINDS } from '@gwaje/config';
import { ORGANISATION_KIND_LABELS, OrganisationKind } from './organisation.entity.js';

describe('OrganisationKind', () => {
  it('is the list the configuration validates ORGANISATION_KIND against', () => {
    expect([...ORGANISATION_KINDS].sort()).toEqual(Object.values(OrganisationKind).sort());
  });

  it('covers 중앙행정기관, 시·도, 시·군·구, 교육청 and 공공기관, each with its label', () => {
    expect(Object.values(ORGANISATION_KIND_LABELS).sort()).toEqual(
      ['중앙행정기관', '시·도', '시·군·구', '교육청', '공공기관'].sort(),
    );
  });
});
