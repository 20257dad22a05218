import { Role } from '@gwaje/identity';
import { registerReportReviewerPolicy, reviewerOrganisationSql } from './report-reviewer-policy.js';
import { allowedReportActions, type ReportActor, type ReportFacts } from './report-workflow.js';

const LEAD = 'lead-org';
const COORDINATOR = 'coordinator-org';

const actor = (organisationId: string, ...roles: Role[]): ReportActor => ({
  id: `${organisationId}-${roles.join('+')}`,
  roles,
  organisationId,
  departmentId: `${organisationId}-dept`,
});

const submitted = (reviewerOrganisationId?: string): ReportFacts => ({
  organisationId: LEAD,
  leadDepartmentId: `${LEAD}-dept`,
  status: 'SUBMITTED',
  submittedBy: 'someone',
  reviewerOrganisationId,
});

describe('the reports’ reviewer port', () => {
  it('without a policy the reviewer is the report’s organisation (the fallback as is)', () => {
    expect(reviewerOrganisationSql('t', 'r.organisation_id')).toBe('r.organisation_id');
  });

  it('registered policies come first, the fallback last; registering again replaces', () => {
    registerReportReviewerPolicy('x', {
      reviewerOrganisationSql: (t) => `SELECT 1 FROM a WHERE a.t = ${t}.id`,
    });
    registerReportReviewerPolicy('x', {
      reviewerOrganisationSql: (t) => `SELECT 2 FROM b WHERE b.t = ${t}.id`,
    });
    expect(reviewerOrganisationSql('tk', 'r.organisation_id')).toBe(
      'COALESCE((SELECT 2 FROM b WHERE b.t = tk.id), r.organisation_id)',
    );
  });

  describe('who accepts or returns', () => {
    it('by default (no reviewer organisation) the report’s organisation’s auditor and office', () => {
      expect(allowedReportActions(actor(LEAD, Role.AUDITOR), submitted())).toEqual([
        'accept',
        'return',
      ]);
      expect(allowedReportActions(actor(LEAD, Role.PROACTIVE_OFFICE), submitted())).toEqual([
        'accept',
        'return',
      ]);
      expect(allowedReportActions(actor(COORDINATOR, Role.AUDITOR), submitted())).toEqual([]);
    });

    it('the reviewer organisation’s (the coordinator’s) instead of the lead’s', () => {
      const facts = submitted(COORDINATOR);
      expect(allowedReportActions(actor(COORDINATOR, Role.AUDITOR), facts)).toEqual([
        'accept',
        'return',
      ]);
      expect(allowedReportActions(actor(LEAD, Role.AUDITOR), facts)).toEqual([]);
      expect(allowedReportActions(actor(LEAD, Role.PROACTIVE_OFFICE), facts)).toEqual([]);
      // Its own organisation named as reviewer: as the default.
      expect(allowedReportActions(actor(LEAD, Role.AUDITOR), submitted(LEAD))).toEqual([
        'accept',
        'return',
      ]);
    });

    it('the submitter never reviews their own submission, even as the reviewer organisation’s', () => {
      const facts = { ...submitted(COORDINATOR), submittedBy: `${COORDINATOR}-AUDITOR` };
      expect(allowedReportActions(actor(COORDINATOR, Role.AUDITOR), facts)).toEqual([]);
    });
  });
});
