import { randomBytes } from 'node:crypto';
import { HttpClient } from '../../support/app.js';
import { consultationAction, draftConsultation } from '../../support/consultations.js';
import { type Factory, login } from '../../support/factory.js';

/** One e-mail row of the organisation, with its recipient and the Message-ID recorded for it. */
export interface EmailRow {
  id: string;
  status: string;
  attempts: number;
  email: string;
  message_id: string | null;
}

/**
 * An organisation with `count` auditors, each of whom gets an e-mail when a pre-consultation is
 * submitted: the fan-out the fault suites put under a crash. The auditors are written in one
 * statement (thousands of them) and cannot log in.
 */
export async function auditorsOrg(factory: Factory, apiUrl: string, count: number) {
  const http = new HttpClient(apiUrl);
  const org = await factory.org();
  const dept = await factory.dept(org.id);
  const audit = await factory.dept(org.id, { isAuditUnit: true });
  const staff = await factory.user(dept, ['STAFF']);
  const head = await factory.user(dept, ['DEPT_HEAD']);
  const tag = randomBytes(3).toString('hex');
  const { rows: auditors } = await factory.db.query<{ id: string; email: string }>(
    `INSERT INTO users (organisation_id, department_id, name, email, roles, password_hash)
     SELECT $1, $2, '감사관 ' || g, 'fanout-' || $3 || '-' || g || '@test.gwaje.kr', '{AUDITOR}'::user_role[], 'no-login'
       FROM generate_series(1, $4::int) g
     RETURNING id, email`,
    [org.id, audit.id, tag, count],
  );
  const emails = new Set(auditors.map((a) => a.email));
  // Drafted and signed in now, so that submitting is one request at the moment a suite chooses.
  const draft = await draftConsultation(http, (await login(http, staff)).accessToken);
  const headToken = (await login(http, head)).accessToken;
  return {
    org,
    auditors,
    /** Whether a message at the sink is one of this organisation's. */
    ours: (m: { to: string[] }) => m.to.some((t) => emails.has(t)),
    /** Submits the pre-consultation: one e-mail to each auditor. */
    submit: () => consultationAction(http, headToken, draft.id, 'submit'),
    /** The organisation's e-mail rows. */
    rows: async () =>
      (
        await factory.db.query<EmailRow>(
          `SELECT e.id::text AS id, e.status, e.attempts, u.email, e.message_id
             FROM notification_emails e JOIN users u ON u.id = e.recipient_id
            WHERE u.organisation_id = $1 ORDER BY e.id`,
          [org.id],
        )
      ).rows,
  };
}
