import { Role } from '@gwaje/identity';
import { ALL_CONSULTATION_STATES, ConsultationState } from './consultation.entity.js';
import {
  ALL_CONSULTATION_ACTIONS,
  allowedConsultationActions,
  type ConsultationAction,
  type ConsultationActor,
  type ConsultationAllowedAction,
  type ConsultationFacts,
  consultationRuleRefusal,
  nextEscalationTarget,
  consultationTransitionFor,
  type ConsultationUser,
} from './consultation-workflow.js';

/** 서울특별시: the parent organisation, to which a request escalates. */
const ORG_PARENT = 'cccccccc-0000-4000-8000-000000000001';
/** 노원구: the requesting organisation. */
const ORG_A = 'aaaaaaaa-0000-4000-8000-000000000001';
/** 도봉구: a sibling organisation under the same parent. */
const ORG_SIBLING = 'bbbbbbbb-0000-4000-8000-000000000001';

/** The requesting department (청소행정과, say). */
const REQ = 'aaaaaaaa-1111-4000-8000-000000000001';
/** Another department of the requesting organisation (복지정책과). */
const OTHER = 'aaaaaaaa-2222-4000-8000-000000000002';
/** The audit unit of the requesting organisation (감사담당관). */
const AUDIT = 'aaaaaaaa-3333-4000-8000-000000000003';
/** The proactive-administration office of the requesting organisation. */
const PROACTIVE = 'aaaaaaaa-4444-4000-8000-000000000004';
/** The parent's audit unit. */
const PARENT_AUDIT = 'cccccccc-3333-4000-8000-000000000003';
/** The sibling's audit unit. */
const SIBLING_AUDIT = 'bbbbbbbb-3333-4000-8000-000000000003';

let nextId = 1;
function actor(roles: Role[], departmentId: string, organisationId = ORG_A): ConsultationUser {
  const n = nextId++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    roles,
    organisationId,
    departmentId,
  };
}

/**
 * A request of ORG_A by REQ. ESCALATED means escalated to the parent; other states have not been
 * escalated unless `overrides` say so.
 */
function consultation(
  status: ConsultationState,
  overrides: Partial<ConsultationFacts> = {},
): ConsultationFacts {
  return {
    organisationId: ORG_A,
    requestingDepartmentId: REQ,
    status,
    escalatedToOrganisationId: status === ConsultationState.ESCALATED ? ORG_PARENT : null,
    parentOrganisationId: ORG_PARENT,
    extended: false,
    ...overrides,
  };
}

const sorted = (actions: readonly ConsultationAllowedAction[]): ConsultationAllowedAction[] =>
  [...actions].sort();

const STATES: readonly ConsultationState[] = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'REJECTED',
  'ACCEPTED',
  'UNDER_REVIEW',
  'ESCALATED',
  'COMMITTEE_ADVICE',
  'OPINION_ISSUED',
  'CLOSED',
];

const ACTIONS: readonly ConsultationAction[] = [
  'submit',
  'startScreening',
  'reject',
  'accept',
  'startReview',
  'escalate',
  'returnAdvice',
  'requestCommitteeAdvice',
  'recordCommitteeAdvice',
  'issueOpinion',
  'extend',
  'close',
];

describe('consultation transition table (DOMAIN.md §4)', () => {
  /** Every action absent: filled in per state below. */
  const none = (): Record<ConsultationAction, ConsultationState | null> => ({
    submit: null,
    startScreening: null,
    reject: null,
    accept: null,
    startReview: null,
    escalate: null,
    returnAdvice: null,
    requestCommitteeAdvice: null,
    recordCommitteeAdvice: null,
    issueOpinion: null,
    extend: null,
    close: null,
  });

  // Written out from DOMAIN.md §4, not derived from CONSULTATION_TRANSITIONS:
  // DRAFT → SUBMITTED → SCREENING → REJECTED | ACCEPTED → UNDER_REVIEW → OPINION_ISSUED → CLOSED;
  // from UNDER_REVIEW: ESCALATED or COMMITTEE_ADVICE, both back to UNDER_REVIEW (the parent may also
  // answer an escalated request itself); `extend` moves the deadline and keeps the state while the
  // opinion is pending.
  const EXPECTED: Record<
    ConsultationState,
    Record<ConsultationAction, ConsultationState | null>
  > = {
    DRAFT: { ...none(), submit: 'SUBMITTED' },
    SUBMITTED: { ...none(), startScreening: 'SCREENING' },
    SCREENING: { ...none(), reject: 'REJECTED', accept: 'ACCEPTED' },
    REJECTED: none(),
    ACCEPTED: { ...none(), startReview: 'UNDER_REVIEW', extend: 'ACCEPTED' },
    UNDER_REVIEW: {
      ...none(),
      escalate: 'ESCALATED',
      requestCommitteeAdvice: 'COMMITTEE_ADVICE',
      issueOpinion: 'OPINION_ISSUED',
      extend: 'UNDER_REVIEW',
    },
    ESCALATED: {
      ...none(),
      escalate: 'ESCALATED',
      returnAdvice: 'UNDER_REVIEW',
      issueOpinion: 'OPINION_ISSUED',
      extend: 'ESCALATED',
    },
    COMMITTEE_ADVICE: {
      ...none(),
      recordCommitteeAdvice: 'UNDER_REVIEW',
      extend: 'COMMITTEE_ADVICE',
    },
    OPINION_ISSUED: { ...none(), close: 'CLOSED' },
    CLOSED: none(),
  };

  /** Who performs each existing transition, from the role rules of DOMAIN.md §1 and §4. */
  const EXPECTED_BY: Partial<
    Record<`${ConsultationState} ${ConsultationAction}`, ConsultationActor>
  > = {
    'DRAFT submit': 'REQUESTING_DEPT_HEAD',
    'SUBMITTED startScreening': 'AUDITOR',
    'SCREENING reject': 'AUDITOR',
    'SCREENING accept': 'AUDITOR',
    'ACCEPTED startReview': 'AUDITOR',
    'ACCEPTED extend': 'AUDITOR',
    'UNDER_REVIEW escalate': 'AUDITOR',
    'UNDER_REVIEW requestCommitteeAdvice': 'AUDITOR',
    'UNDER_REVIEW issueOpinion': 'AUDITOR',
    'UNDER_REVIEW extend': 'AUDITOR',
    'ESCALATED escalate': 'PARENT_AUDITOR',
    'ESCALATED returnAdvice': 'PARENT_AUDITOR',
    'ESCALATED issueOpinion': 'PARENT_AUDITOR',
    'ESCALATED extend': 'PARENT_AUDITOR',
    'COMMITTEE_ADVICE recordCommitteeAdvice': 'AUDITOR',
    'COMMITTEE_ADVICE extend': 'AUDITOR',
    'OPINION_ISSUED close': 'REQUESTING_DEPT',
  };

  it('knows exactly the ten states and twelve actions', () => {
    expect([...ALL_CONSULTATION_STATES].sort()).toEqual([...STATES].sort());
    expect([...ALL_CONSULTATION_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  const cases = STATES.flatMap((from) =>
    ACTIONS.map((action) => [from, action, EXPECTED[from][action]] as const),
  );

  it('covers every state × action (10 × 12)', () => {
    expect(cases).toHaveLength(120);
    expect(Object.keys(EXPECTED_BY)).toHaveLength(cases.filter(([, , to]) => to).length);
  });

  it.each(cases)('%s --%s--> %s', (from, action, to) => {
    const t = consultationTransitionFor(from, action);
    if (to === null) {
      expect(t).toBeUndefined();
    } else {
      expect(t).toBeDefined();
      expect(t!.from).toBe(from);
      expect(t!.action).toBe(action);
      expect(t!.to).toBe(to);
      expect(t!.by).toBe(EXPECTED_BY[`${from} ${action}`]);
    }
  });

  it('extend exists exactly in the four opinion-pending states and keeps the state', () => {
    const withExtend = STATES.filter((s) => consultationTransitionFor(s, 'extend'));
    expect(withExtend).toEqual(['ACCEPTED', 'UNDER_REVIEW', 'ESCALATED', 'COMMITTEE_ADVICE']);
    for (const s of withExtend) expect(consultationTransitionFor(s, 'extend')!.to).toBe(s);
  });

  it.each(['REJECTED', 'CLOSED'] as const)('nothing leaves %s (final)', (state) => {
    for (const action of ACTIONS) expect(consultationTransitionFor(state, action)).toBeUndefined();
  });
});

describe('allowedConsultationActions: actor × state', () => {
  type Who =
    | 'STAFF of the requesting department'
    | 'DEPT_HEAD of the requesting department'
    | 'STAFF of another department'
    | 'DEPT_HEAD of another department'
    | 'AUDITOR of the requesting organisation'
    | 'PROACTIVE_OFFICE of the requesting organisation'
    | 'COMMITTEE of the requesting organisation'
    | 'ADMIN of the requesting organisation'
    | 'AUDITOR of the parent organisation'
    | 'AUDITOR of a sibling organisation';

  const ACTORS: Record<Who, ConsultationUser> = {
    'STAFF of the requesting department': actor([Role.STAFF], REQ),
    'DEPT_HEAD of the requesting department': actor([Role.DEPT_HEAD], REQ),
    'STAFF of another department': actor([Role.STAFF], OTHER),
    'DEPT_HEAD of another department': actor([Role.DEPT_HEAD], OTHER),
    'AUDITOR of the requesting organisation': actor([Role.AUDITOR], AUDIT),
    'PROACTIVE_OFFICE of the requesting organisation': actor([Role.PROACTIVE_OFFICE], PROACTIVE),
    'COMMITTEE of the requesting organisation': actor([Role.COMMITTEE], OTHER),
    'ADMIN of the requesting organisation': actor([Role.ADMIN], AUDIT),
    'AUDITOR of the parent organisation': actor([Role.AUDITOR], PARENT_AUDIT, ORG_PARENT),
    'AUDITOR of a sibling organisation': actor([Role.AUDITOR], SIBLING_AUDIT, ORG_SIBLING),
  };

  const NONE: Record<ConsultationState, ConsultationAllowedAction[]> = {
    DRAFT: [],
    SUBMITTED: [],
    SCREENING: [],
    REJECTED: [],
    ACCEPTED: [],
    UNDER_REVIEW: [],
    ESCALATED: [],
    COMMITTEE_ADVICE: [],
    OPINION_ISSUED: [],
    CLOSED: [],
  };
  const REQ_STAFF = { ...NONE, DRAFT: ['edit'], OPINION_ISSUED: ['close'] } satisfies typeof NONE;
  const REQ_HEAD = {
    ...NONE,
    DRAFT: ['edit', 'submit'],
    OPINION_ISSUED: ['close'],
  } satisfies typeof NONE;
  const OWN_AUDITOR = {
    ...NONE,
    SUBMITTED: ['startScreening'],
    SCREENING: ['reject', 'accept'],
    ACCEPTED: ['startReview', 'extend'],
    UNDER_REVIEW: ['escalate', 'requestCommitteeAdvice', 'issueOpinion', 'extend'],
    // escalated: the parent's audit unit acts, not the requesting organisation's
    ESCALATED: [],
    COMMITTEE_ADVICE: ['recordCommitteeAdvice', 'extend'],
  } satisfies typeof NONE;
  const PARENT_AUDITOR = {
    ...NONE,
    ESCALATED: ['returnAdvice', 'issueOpinion', 'extend'],
  } satisfies typeof NONE;

  const EXPECTED: Record<Who, Record<ConsultationState, ConsultationAllowedAction[]>> = {
    'STAFF of the requesting department': REQ_STAFF,
    'DEPT_HEAD of the requesting department': REQ_HEAD,
    'STAFF of another department': NONE,
    'DEPT_HEAD of another department': NONE,
    'AUDITOR of the requesting organisation': OWN_AUDITOR,
    'PROACTIVE_OFFICE of the requesting organisation': NONE,
    'COMMITTEE of the requesting organisation': NONE,
    'ADMIN of the requesting organisation': NONE,
    'AUDITOR of the parent organisation': PARENT_AUDITOR,
    'AUDITOR of a sibling organisation': NONE,
  };

  const cases = (Object.keys(EXPECTED) as Who[]).flatMap((who) =>
    STATES.map((state) => [who, state, EXPECTED[who][state]] as const),
  );

  it('covers 10 actors × 10 states', () => {
    expect(cases).toHaveLength(100);
  });

  it.each(cases)('%s, request %s → %j', (who, state, expected) => {
    expect(sorted(allowedConsultationActions(ACTORS[who], consultation(state)))).toEqual(
      sorted(expected),
    );
  });

  // The request went to the parent and came back (returnAdvice): escalatedToOrganisationId stays
  // set, but only ESCALATED gives the parent anything to do, and nothing changes for the others.
  const AFTER_RETURN: readonly ConsultationState[] = [
    'UNDER_REVIEW',
    'COMMITTEE_ADVICE',
    'OPINION_ISSUED',
    'CLOSED',
  ];
  const returnedCases = (Object.keys(EXPECTED) as Who[]).flatMap((who) =>
    AFTER_RETURN.map((state) => [who, state, EXPECTED[who][state]] as const),
  );

  it.each(returnedCases)(
    '%s, request %s after it returned from the parent → %j',
    (who, state, expected) => {
      const c = consultation(state, { escalatedToOrganisationId: ORG_PARENT });
      expect(sorted(allowedConsultationActions(ACTORS[who], c))).toEqual(sorted(expected));
    },
  );

  it('never repeats an action', () => {
    const u = actor([Role.STAFF, Role.DEPT_HEAD, Role.AUDITOR, Role.PROACTIVE_OFFICE], REQ);
    for (const state of STATES) {
      for (const escalatedToOrganisationId of [null, ORG_PARENT]) {
        const actions = allowedConsultationActions(
          u,
          consultation(state, { escalatedToOrganisationId }),
        );
        expect(new Set(actions).size).toBe(actions.length);
      }
    }
  });
});

describe('allowedConsultationActions: edit and submit', () => {
  it('STAFF and DEPT_HEAD of the requesting department edit only a DRAFT', () => {
    for (const u of [actor([Role.STAFF], REQ), actor([Role.DEPT_HEAD], REQ)]) {
      expect(allowedConsultationActions(u, consultation('DRAFT'))).toContain('edit');
      for (const state of STATES.filter((s) => s !== 'DRAFT')) {
        expect(allowedConsultationActions(u, consultation(state))).not.toContain('edit');
      }
    }
  });

  it('only the DEPT_HEAD of the requesting department submits (the formal requester)', () => {
    expect(allowedConsultationActions(actor([Role.DEPT_HEAD], REQ), consultation('DRAFT'))).toEqual(
      expect.arrayContaining(['submit']),
    );
    for (const u of [
      actor([Role.STAFF], REQ),
      actor([Role.DEPT_HEAD], OTHER),
      actor([Role.AUDITOR], AUDIT),
      actor([Role.PROACTIVE_OFFICE], PROACTIVE),
      actor([Role.DEPT_HEAD], SIBLING_AUDIT, ORG_SIBLING),
      actor([Role.DEPT_HEAD], PARENT_AUDIT, ORG_PARENT),
    ]) {
      expect(allowedConsultationActions(u, consultation('DRAFT'))).not.toContain('submit');
    }
  });

  it('a department id alone is not enough: a DEPT_HEAD of another organisation with the same department id does nothing', () => {
    const u = actor([Role.STAFF, Role.DEPT_HEAD], REQ, ORG_SIBLING);
    for (const state of STATES) {
      expect(allowedConsultationActions(u, consultation(state))).toEqual([]);
    }
  });

  it.each([Role.AUDITOR, Role.PROACTIVE_OFFICE, Role.COMMITTEE, Role.ADMIN])(
    'a %s placed in the requesting department neither edits, submits nor closes',
    (role) => {
      const u = actor([role], REQ);
      const all = STATES.flatMap((s) => allowedConsultationActions(u, consultation(s)));
      expect(all).not.toContain('edit');
      expect(all).not.toContain('submit');
      expect(all).not.toContain('close');
    },
  );
});

describe('allowedConsultationActions: screening and review', () => {
  it('PROACTIVE_OFFICE never screens, reviews or answers, in any state', () => {
    for (const dept of [PROACTIVE, AUDIT, REQ]) {
      const u = actor([Role.PROACTIVE_OFFICE], dept);
      for (const state of STATES) {
        for (const escalatedToOrganisationId of [null, ORG_PARENT]) {
          const c = consultation(state, { escalatedToOrganisationId });
          expect(allowedConsultationActions(u, c)).toEqual([]);
        }
      }
    }
  });

  it('the requesting organisation’s AUDITOR acts from any department of it', () => {
    const u = actor([Role.AUDITOR], OTHER);
    expect(allowedConsultationActions(u, consultation('SUBMITTED'))).toEqual(['startScreening']);
  });

  it('escalate is absent when the organisation has no parent', () => {
    const u = actor([Role.AUDITOR], AUDIT);
    expect(
      sorted(
        allowedConsultationActions(u, consultation('UNDER_REVIEW', { parentOrganisationId: null })),
      ),
    ).toEqual(['extend', 'issueOpinion', 'requestCommitteeAdvice']);
  });

  it('an AUDITOR of the parent has nothing before the escalation', () => {
    const u = actor([Role.AUDITOR], PARENT_AUDIT, ORG_PARENT);
    for (const state of ['SUBMITTED', 'SCREENING', 'ACCEPTED', 'UNDER_REVIEW'] as const) {
      expect(allowedConsultationActions(u, consultation(state))).toEqual([]);
    }
  });

  it('escalates beyond one level: the holder passes it to its own parent, or out of Gwaje (issue 22 part 6)', () => {
    const parent = actor([Role.AUDITOR], PARENT_AUDIT, ORG_PARENT);
    const own = actor([Role.AUDITOR], AUDIT);
    const grand = 'aaaaaaaa-0000-4000-8000-0000000000ff';
    // The parent has a parent of its own: a further hop goes there.
    const withGrand = consultation('ESCALATED', { escalatedToParentId: grand });
    expect(allowedConsultationActions(parent, withGrand)).toContain('escalate');
    expect(nextEscalationTarget(withGrand)).toBe(grand);
    // No parent above it: only an external destination (감사원) makes a hop possible.
    const top = consultation('ESCALATED');
    expect(allowedConsultationActions(parent, top)).not.toContain('escalate');
    expect(consultationRuleRefusal(parent, top, 'escalate')).toBeNull(); // the state refuses it
    expect(allowedConsultationActions(parent, { ...top, externalHop: true })).toContain('escalate');
    // A central agency (no parent) sends it to 감사원; its own audit unit then records the answer.
    const central = consultation('UNDER_REVIEW', { parentOrganisationId: null });
    expect(consultationRuleRefusal(own, central, 'escalate')).toBe('noParentOrganisation');
    expect(allowedConsultationActions(own, { ...central, externalHop: true })).toContain(
      'escalate',
    );
    const out = consultation('ESCALATED', {
      parentOrganisationId: null,
      escalatedToOrganisationId: null,
      escalatedExternal: true,
    });
    expect(sorted(allowedConsultationActions(own, out))).toEqual(
      sorted(['returnAdvice', 'issueOpinion', 'extend']),
    );
    // Out of Gwaje is the last hop.
    expect(allowedConsultationActions(own, { ...out, externalHop: true })).not.toContain(
      'escalate',
    );
    expect(allowedConsultationActions(parent, out)).toEqual([]);
  });

  it('an ESCALATED request without a recorded escalation target gives the parent nothing', () => {
    const u = actor([Role.AUDITOR], PARENT_AUDIT, ORG_PARENT);
    const c = consultation('ESCALATED', { escalatedToOrganisationId: null });
    expect(allowedConsultationActions(u, c)).toEqual([]);
  });

  it('only the parent’s AUDITOR acts on an ESCALATED request: not its other roles, not a sibling', () => {
    const c = consultation('ESCALATED');
    for (const role of [
      Role.STAFF,
      Role.DEPT_HEAD,
      Role.PROACTIVE_OFFICE,
      Role.COMMITTEE,
      Role.ADMIN,
    ]) {
      expect(allowedConsultationActions(actor([role], PARENT_AUDIT, ORG_PARENT), c)).toEqual([]);
    }
    const sibling = actor([Role.AUDITOR, Role.PROACTIVE_OFFICE], SIBLING_AUDIT, ORG_SIBLING);
    expect(allowedConsultationActions(sibling, c)).toEqual([]);
  });
});

describe('allowedConsultationActions: extend (once)', () => {
  const own = actor([Role.AUDITOR], AUDIT);
  const parent = actor([Role.AUDITOR], PARENT_AUDIT, ORG_PARENT);

  it.each([
    ['ACCEPTED', own],
    ['UNDER_REVIEW', own],
    ['COMMITTEE_ADVICE', own],
    ['ESCALATED', parent],
  ] as const)('in %s: offered until extended, then gone', (state, u) => {
    expect(allowedConsultationActions(u, consultation(state))).toContain('extend');
    const after = allowedConsultationActions(u, consultation(state, { extended: true }));
    expect(after).not.toContain('extend');
    // the other actions of the state stay
    expect(after.length).toBe(allowedConsultationActions(u, consultation(state)).length - 1);
  });

  it('the requesting organisation’s AUDITOR cannot extend an ESCALATED request', () => {
    expect(allowedConsultationActions(own, consultation('ESCALATED'))).not.toContain('extend');
  });

  it('nobody extends outside the opinion-pending states', () => {
    const u = actor([Role.STAFF, Role.DEPT_HEAD, Role.AUDITOR, Role.PROACTIVE_OFFICE], REQ);
    for (const state of [
      'DRAFT',
      'SUBMITTED',
      'SCREENING',
      'REJECTED',
      'OPINION_ISSUED',
      'CLOSED',
    ] as const) {
      expect(allowedConsultationActions(u, consultation(state))).not.toContain('extend');
      expect(allowedConsultationActions(parent, consultation(state))).not.toContain('extend');
    }
  });
});

describe('allowedConsultationActions: close', () => {
  it('only STAFF or DEPT_HEAD of the requesting department close, and only OPINION_ISSUED', () => {
    for (const u of [actor([Role.STAFF], REQ), actor([Role.DEPT_HEAD], REQ)]) {
      expect(allowedConsultationActions(u, consultation('OPINION_ISSUED'))).toEqual(['close']);
      for (const state of STATES.filter((s) => s !== 'OPINION_ISSUED')) {
        expect(allowedConsultationActions(u, consultation(state))).not.toContain('close');
      }
    }
    for (const u of [
      actor([Role.STAFF], OTHER),
      actor([Role.DEPT_HEAD], OTHER),
      actor([Role.AUDITOR], AUDIT),
      actor([Role.AUDITOR], PARENT_AUDIT, ORG_PARENT),
    ]) {
      const c = consultation('OPINION_ISSUED', { escalatedToOrganisationId: ORG_PARENT });
      expect(allowedConsultationActions(u, c)).toEqual([]);
    }
  });
});

describe('allowedConsultationActions: users with several roles', () => {
  it('a DEPT_HEAD + AUDITOR of the requesting department gets both sets of rights', () => {
    const u = actor([Role.DEPT_HEAD, Role.AUDITOR], REQ);
    expect(sorted(allowedConsultationActions(u, consultation('DRAFT')))).toEqual([
      'edit',
      'submit',
    ]);
    expect(allowedConsultationActions(u, consultation('SUBMITTED'))).toEqual(['startScreening']);
    expect(sorted(allowedConsultationActions(u, consultation('OPINION_ISSUED')))).toEqual([
      'close',
    ]);
  });

  it('STAFF + PROACTIVE_OFFICE of another department still has nothing', () => {
    const u = actor([Role.STAFF, Role.PROACTIVE_OFFICE], OTHER);
    for (const state of STATES) {
      expect(allowedConsultationActions(u, consultation(state))).toEqual([]);
    }
  });

  it('COMMITTEE + ADMIN of the requesting department still have nothing', () => {
    const u = actor([Role.COMMITTEE, Role.ADMIN], REQ);
    for (const state of STATES) {
      expect(allowedConsultationActions(u, consultation(state))).toEqual([]);
    }
  });

  it('a sibling organisation’s user with every role has nothing, escalated or not', () => {
    const u = actor(
      [Role.STAFF, Role.DEPT_HEAD, Role.AUDITOR, Role.PROACTIVE_OFFICE, Role.COMMITTEE, Role.ADMIN],
      SIBLING_AUDIT,
      ORG_SIBLING,
    );
    for (const state of STATES) {
      for (const escalatedToOrganisationId of [null, ORG_PARENT]) {
        const c = consultation(state, { escalatedToOrganisationId });
        expect(allowedConsultationActions(u, c)).toEqual([]);
      }
    }
  });
});

describe('consultationRuleRefusal: a rule, not the state, refuses', () => {
  const auditor = actor([Role.AUDITOR], AUDIT);
  const staff = actor([Role.STAFF], REQ);

  it('names the one extension already used, for the auditor who could otherwise extend', () => {
    for (const state of ['ACCEPTED', 'UNDER_REVIEW', 'COMMITTEE_ADVICE'] as const) {
      const extended = consultation(state, { extended: true });
      expect(allowedConsultationActions(auditor, extended)).not.toContain('extend');
      expect(consultationRuleRefusal(auditor, extended, 'extend')).toBe('extendedOnce');
      expect(consultationRuleRefusal(auditor, consultation(state), 'extend')).toBeNull();
    }
  });

  it('names the missing parent organisation for an escalation', () => {
    const orphan = consultation('UNDER_REVIEW', { parentOrganisationId: null });
    expect(allowedConsultationActions(auditor, orphan)).not.toContain('escalate');
    expect(consultationRuleRefusal(auditor, orphan, 'escalate')).toBe('noParentOrganisation');
    expect(consultationRuleRefusal(auditor, consultation('UNDER_REVIEW'), 'escalate')).toBeNull();
  });

  it('leaves the state’s and the role’s refusals alone (ILLEGAL_TRANSITION, FORBIDDEN)', () => {
    // Wrong state: nothing to extend in a draft, nothing to escalate once closed.
    expect(
      consultationRuleRefusal(auditor, consultation('DRAFT', { extended: true }), 'extend'),
    ).toBeNull();
    const closed = consultation('CLOSED', { parentOrganisationId: null });
    expect(consultationRuleRefusal(auditor, closed, 'escalate')).toBeNull();
    // Wrong role: the department's staff never extend or escalate.
    const extended = consultation('UNDER_REVIEW', { extended: true, parentOrganisationId: null });
    expect(consultationRuleRefusal(staff, extended, 'extend')).toBeNull();
    expect(consultationRuleRefusal(staff, extended, 'escalate')).toBeNull();
  });
});
