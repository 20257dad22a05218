import { Role } from '@gwaje/identity';
import { ALL_REPORT_STATES, ReportState } from './report.entity.js';
import {
  ALL_REPORT_ACTIONS,
  allowedReportActions,
  type ReportAction,
  type ReportActor,
  type ReportAllowedAction,
  type ReportFacts,
  reportTransitionFor,
} from './report-workflow.js';

const ORG_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const ORG_B = 'bbbbbbbb-0000-4000-8000-000000000002';
/** The report's lead department (the task's lead department). */
const LEAD = 'aaaaaaaa-1111-4000-8000-000000000001';
/** Another department of the same organisation (the audit unit, say). */
const OTHER = 'aaaaaaaa-2222-4000-8000-000000000002';
/** A department of another organisation. */
const DEPT_B = 'bbbbbbbb-1111-4000-8000-000000000001';

/** The DEPT_HEAD of the lead department who submitted the report under review. */
const SUBMITTER_ID = '00000000-0000-4000-8000-0000000000aa';

let nextId = 1;
function actor(
  roles: Role[],
  departmentId: string,
  organisationId = ORG_A,
  id?: string,
): ReportActor {
  const n = nextId++;
  return {
    id: id ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    roles,
    organisationId,
    departmentId,
  };
}

/** A report of ORG_A led by LEAD; submitted (by SUBMITTER_ID) unless it is still a first draft. */
function report(status: ReportState, submittedBy: string | null = null): ReportFacts {
  return {
    organisationId: ORG_A,
    leadDepartmentId: LEAD,
    status,
    submittedBy: submittedBy ?? (status === ReportState.DRAFT ? null : SUBMITTER_ID),
  };
}

const sorted = (actions: readonly ReportAllowedAction[]): ReportAllowedAction[] =>
  [...actions].sort();

describe('report transition table (DOMAIN.md §3)', () => {
  // Written out from DOMAIN.md §3, not derived from REPORT_TRANSITIONS:
  // DRAFT → SUBMITTED → ACCEPTED or RETURNED; a returned report is submitted again.
  const EXPECTED: Record<ReportState, Record<ReportAction, ReportState | null>> = {
    DRAFT: { submit: 'SUBMITTED', accept: null, return: null },
    SUBMITTED: { submit: null, accept: 'ACCEPTED', return: 'RETURNED' },
    ACCEPTED: { submit: null, accept: null, return: null },
    RETURNED: { submit: 'SUBMITTED', accept: null, return: null },
  };

  it('knows exactly the four states and three actions', () => {
    expect([...ALL_REPORT_STATES].sort()).toEqual(['ACCEPTED', 'DRAFT', 'RETURNED', 'SUBMITTED']);
    expect([...ALL_REPORT_ACTIONS].sort()).toEqual(['accept', 'return', 'submit']);
  });

  const cases = (Object.keys(EXPECTED) as ReportState[]).flatMap((from) =>
    (Object.keys(EXPECTED[from]) as ReportAction[]).map(
      (action) => [from, action, EXPECTED[from][action]] as const,
    ),
  );
  it('covers every state × action', () => {
    expect(cases).toHaveLength(12);
  });

  it.each(cases)('%s --%s--> %s', (from, action, to) => {
    const t = reportTransitionFor(from, action);
    if (to === null) {
      expect(t).toBeUndefined();
    } else {
      expect(t).toBeDefined();
      expect(t!.from).toBe(from);
      expect(t!.action).toBe(action);
      expect(t!.to).toBe(to);
    }
  });

  it('requires a comment only on return', () => {
    expect(reportTransitionFor('SUBMITTED', 'return')!.commentRequired).toBe(true);
    expect(reportTransitionFor('SUBMITTED', 'accept')!.commentRequired).toBe(false);
    expect(reportTransitionFor('DRAFT', 'submit')!.commentRequired).toBe(false);
    expect(reportTransitionFor('RETURNED', 'submit')!.commentRequired).toBe(false);
  });

  it('lets nothing leave ACCEPTED (final)', () => {
    for (const action of ALL_REPORT_ACTIONS) {
      expect(reportTransitionFor('ACCEPTED', action)).toBeUndefined();
    }
  });
});

describe('allowedReportActions: role × department × state', () => {
  type Relation = 'lead department' | 'other department' | 'other organisation';
  const PLACES: Record<Relation, { departmentId: string; organisationId: string }> = {
    'lead department': { departmentId: LEAD, organisationId: ORG_A },
    'other department': { departmentId: OTHER, organisationId: ORG_A },
    'other organisation': { departmentId: DEPT_B, organisationId: ORG_B },
  };

  const NONE: Record<ReportState, ReportAllowedAction[]> = {
    DRAFT: [],
    SUBMITTED: [],
    ACCEPTED: [],
    RETURNED: [],
  };
  // Staff edit, and ask their head to submit (결재 요청).
  const EDITOR: Record<ReportState, ReportAllowedAction[]> = {
    DRAFT: ['edit', 'requestApproval'],
    SUBMITTED: [],
    ACCEPTED: [],
    RETURNED: ['edit', 'requestApproval'],
  };
  const LEAD_HEAD: Record<ReportState, ReportAllowedAction[]> = {
    DRAFT: ['edit', 'submit'],
    SUBMITTED: [],
    ACCEPTED: [],
    RETURNED: ['edit', 'submit'],
  };
  const REVIEWER: Record<ReportState, ReportAllowedAction[]> = {
    DRAFT: [],
    SUBMITTED: ['accept', 'return'],
    ACCEPTED: [],
    RETURNED: [],
  };

  // The reviewer never submitted the report here (the lead DEPT_HEAD SUBMITTER_ID did).
  const EXPECTED: Record<Role, Record<Relation, Record<ReportState, ReportAllowedAction[]>>> = {
    STAFF: {
      'lead department': EDITOR,
      'other department': NONE,
      'other organisation': NONE,
    },
    DEPT_HEAD: {
      'lead department': LEAD_HEAD,
      'other department': NONE,
      'other organisation': NONE,
    },
    AUDITOR: {
      'lead department': REVIEWER,
      'other department': REVIEWER,
      'other organisation': NONE,
    },
    PROACTIVE_OFFICE: {
      'lead department': REVIEWER,
      'other department': REVIEWER,
      'other organisation': NONE,
    },
    COMMITTEE: {
      'lead department': NONE,
      'other department': NONE,
      'other organisation': NONE,
    },
    ADMIN: {
      'lead department': NONE,
      'other department': NONE,
      'other organisation': NONE,
    },
  };

  const cases = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
    (Object.keys(PLACES) as Relation[]).flatMap((relation) =>
      (Object.keys(NONE) as ReportState[]).map(
        (state) => [role, relation, state, EXPECTED[role][relation][state]] as const,
      ),
    ),
  );

  it('covers 6 roles × 3 places × 4 states', () => {
    expect(cases).toHaveLength(72);
  });

  it.each(cases)('%s of the %s, report %s → %j', (role, relation, state, expected) => {
    const { departmentId, organisationId } = PLACES[relation];
    const u = actor([role], departmentId, organisationId);
    expect(sorted(allowedReportActions(u, report(state)))).toEqual(sorted(expected));
  });

  it('never repeats an action', () => {
    const u = actor([Role.STAFF, Role.DEPT_HEAD, Role.AUDITOR, Role.PROACTIVE_OFFICE], LEAD);
    for (const state of ALL_REPORT_STATES) {
      const actions = allowedReportActions(u, report(state));
      expect(new Set(actions).size).toBe(actions.length);
    }
  });
});

describe('allowedReportActions: edit', () => {
  it.each([ReportState.DRAFT, ReportState.RETURNED])(
    'STAFF and DEPT_HEAD of the lead department edit a %s report',
    (state) => {
      expect(allowedReportActions(actor([Role.STAFF], LEAD), report(state))).toContain('edit');
      expect(allowedReportActions(actor([Role.DEPT_HEAD], LEAD), report(state))).toContain('edit');
    },
  );

  it.each([ReportState.SUBMITTED, ReportState.ACCEPTED])(
    'a %s report is read-only, even to its author and submitter',
    (state) => {
      const author = actor([Role.STAFF], LEAD);
      const submitter = actor([Role.DEPT_HEAD], LEAD, ORG_A, SUBMITTER_ID);
      expect(allowedReportActions(author, report(state))).not.toContain('edit');
      expect(allowedReportActions(submitter, report(state))).not.toContain('edit');
    },
  );

  it('reviewers and other roles placed in the lead department do not edit', () => {
    for (const role of [Role.AUDITOR, Role.PROACTIVE_OFFICE, Role.COMMITTEE, Role.ADMIN]) {
      expect(allowedReportActions(actor([role], LEAD), report('DRAFT'))).not.toContain('edit');
      expect(allowedReportActions(actor([role], LEAD), report('RETURNED'))).not.toContain('edit');
    }
  });
});

describe('allowedReportActions: submit', () => {
  it('only the DEPT_HEAD of the lead department submits, from DRAFT and RETURNED', () => {
    const head = actor([Role.DEPT_HEAD], LEAD);
    expect(allowedReportActions(head, report('DRAFT'))).toContain('submit');
    expect(allowedReportActions(head, report('RETURNED'))).toContain('submit');
    expect(allowedReportActions(head, report('SUBMITTED'))).not.toContain('submit');
    expect(allowedReportActions(head, report('ACCEPTED'))).not.toContain('submit');
  });

  it('STAFF of the lead department and heads of other departments do not submit', () => {
    for (const u of [
      actor([Role.STAFF], LEAD),
      actor([Role.DEPT_HEAD], OTHER),
      actor([Role.DEPT_HEAD], DEPT_B, ORG_B),
      actor([Role.PROACTIVE_OFFICE], LEAD),
      actor([Role.AUDITOR], LEAD),
    ]) {
      expect(allowedReportActions(u, report('DRAFT'))).not.toContain('submit');
      expect(allowedReportActions(u, report('RETURNED'))).not.toContain('submit');
    }
  });

  it('the head who submitted before may submit again after a return', () => {
    const submitter = actor([Role.DEPT_HEAD], LEAD, ORG_A, SUBMITTER_ID);
    expect(sorted(allowedReportActions(submitter, report('RETURNED', SUBMITTER_ID)))).toEqual([
      'edit',
      'submit',
    ]);
  });
});

describe('allowedReportActions: accept and return', () => {
  it.each([Role.AUDITOR, Role.PROACTIVE_OFFICE])(
    '%s of the same organisation reviews a SUBMITTED report only',
    (role) => {
      const u = actor([role], OTHER);
      expect(sorted(allowedReportActions(u, report('SUBMITTED')))).toEqual(['accept', 'return']);
      for (const state of [ReportState.DRAFT, ReportState.ACCEPTED, ReportState.RETURNED]) {
        expect(allowedReportActions(u, report(state))).toEqual([]);
      }
    },
  );

  it.each([Role.AUDITOR, Role.PROACTIVE_OFFICE])(
    '%s of another organisation does not review',
    (role) => {
      expect(allowedReportActions(actor([role], DEPT_B, ORG_B), report('SUBMITTED'))).toEqual([]);
    },
  );

  it.each([Role.AUDITOR, Role.PROACTIVE_OFFICE])(
    'a %s who submitted the report does not review it',
    (role) => {
      const u = actor([role], OTHER, ORG_A, SUBMITTER_ID);
      expect(allowedReportActions(u, report('SUBMITTED', SUBMITTER_ID))).toEqual([]);
    },
  );

  it('STAFF, DEPT_HEAD, COMMITTEE and ADMIN never review', () => {
    for (const role of [Role.STAFF, Role.DEPT_HEAD, Role.COMMITTEE, Role.ADMIN]) {
      for (const dept of [LEAD, OTHER]) {
        const actions = allowedReportActions(actor([role], dept), report('SUBMITTED'));
        expect(actions).not.toContain('accept');
        expect(actions).not.toContain('return');
      }
    }
  });
});

describe('allowedReportActions: users with several roles', () => {
  const headAuditor = actor([Role.DEPT_HEAD, Role.AUDITOR], LEAD, ORG_A, SUBMITTER_ID);

  it('a DEPT_HEAD + AUDITOR of the lead department who submitted cannot accept or return it', () => {
    expect(allowedReportActions(headAuditor, report('SUBMITTED', SUBMITTER_ID))).toEqual([]);
  });

  it('the same user reviews a report someone else submitted', () => {
    const other = '00000000-0000-4000-8000-0000000000bb';
    expect(sorted(allowedReportActions(headAuditor, report('SUBMITTED', other)))).toEqual([
      'accept',
      'return',
    ]);
  });

  it('the same user edits and submits a DRAFT or RETURNED report of their department', () => {
    expect(sorted(allowedReportActions(headAuditor, report('DRAFT')))).toEqual(['edit', 'submit']);
    expect(sorted(allowedReportActions(headAuditor, report('RETURNED', SUBMITTER_ID)))).toEqual([
      'edit',
      'submit',
    ]);
    expect(allowedReportActions(headAuditor, report('ACCEPTED', SUBMITTER_ID))).toEqual([]);
  });

  it('a DEPT_HEAD + PROACTIVE_OFFICE of the lead department who submitted cannot review either', () => {
    const u = actor([Role.DEPT_HEAD, Role.PROACTIVE_OFFICE], LEAD, ORG_A, SUBMITTER_ID);
    expect(allowedReportActions(u, report('SUBMITTED', SUBMITTER_ID))).toEqual([]);
  });

  it('STAFF + AUDITOR of another department: reviews, never edits or submits', () => {
    const u = actor([Role.STAFF, Role.AUDITOR], OTHER);
    expect(allowedReportActions(u, report('DRAFT'))).toEqual([]);
    expect(sorted(allowedReportActions(u, report('SUBMITTED')))).toEqual(['accept', 'return']);
    expect(allowedReportActions(u, report('RETURNED'))).toEqual([]);
  });

  it('COMMITTEE + ADMIN together still have nothing', () => {
    const u = actor([Role.COMMITTEE, Role.ADMIN], LEAD);
    for (const state of ALL_REPORT_STATES) {
      expect(allowedReportActions(u, report(state))).toEqual([]);
    }
  });

  it('a reviewer of another organisation who heads a department there gets nothing', () => {
    const u = actor([Role.DEPT_HEAD, Role.AUDITOR, Role.PROACTIVE_OFFICE], DEPT_B, ORG_B);
    for (const state of ALL_REPORT_STATES) {
      expect(allowedReportActions(u, report(state))).toEqual([]);
    }
  });
});

describe('allowedReportActions: the staff → head hand-off (결재 요청)', () => {
  const pending = (status: ReportState, requester: string): ReportFacts => ({
    ...report(status),
    approvalRequestedBy: requester,
  });

  it('staff of the lead department ask for approval of a draft or returned report, once', () => {
    const staff = actor([Role.STAFF], LEAD);
    expect(allowedReportActions(staff, report('DRAFT'))).toContain('requestApproval');
    expect(allowedReportActions(staff, report('RETURNED'))).toContain('requestApproval');
    expect(allowedReportActions(staff, report('SUBMITTED'))).not.toContain('requestApproval');
    // A request is pending: not again, whoever made it.
    const other = actor([Role.STAFF], LEAD);
    expect(allowedReportActions(staff, pending('DRAFT', other.id))).not.toContain(
      'requestApproval',
    );
  });

  it('a head submits directly and never asks; other departments and reviewers never ask', () => {
    expect(allowedReportActions(actor([Role.DEPT_HEAD], LEAD), report('DRAFT'))).not.toContain(
      'requestApproval',
    );
    // A head who also holds STAFF submits: no request to themselves.
    expect(
      allowedReportActions(actor([Role.STAFF, Role.DEPT_HEAD], LEAD), report('DRAFT')),
    ).not.toContain('requestApproval');
    for (const u of [
      actor([Role.STAFF], OTHER),
      actor([Role.AUDITOR], LEAD),
      actor([Role.STAFF], DEPT_B, ORG_B),
    ]) {
      expect(allowedReportActions(u, report('DRAFT'))).not.toContain('requestApproval');
    }
  });

  it('the requester or a head withdraws a pending request; another staff member does not', () => {
    const requester = actor([Role.STAFF], LEAD);
    const colleague = actor([Role.STAFF], LEAD);
    const head = actor([Role.DEPT_HEAD], LEAD);
    const facts = pending('DRAFT', requester.id);
    expect(allowedReportActions(requester, facts)).toContain('withdrawApprovalRequest');
    expect(allowedReportActions(head, facts)).toContain('withdrawApprovalRequest');
    expect(allowedReportActions(head, facts)).toContain('submit');
    expect(allowedReportActions(colleague, facts)).not.toContain('withdrawApprovalRequest');
    expect(allowedReportActions(actor([Role.DEPT_HEAD], OTHER), facts)).not.toContain(
      'withdrawApprovalRequest',
    );
    // Nothing pending: nothing to withdraw.
    expect(allowedReportActions(head, report('DRAFT'))).not.toContain('withdrawApprovalRequest');
  });
});
