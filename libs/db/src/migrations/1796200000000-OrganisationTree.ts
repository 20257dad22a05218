import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Any organisation tree (issue 19, part 5).
 *
 * - users.system_administrator: the system administrator is a stored fact, no longer "the ADMIN of
 *   the one top-level organisation" (which nobody is once a second top-level organisation exists).
 *   Granted here to every ADMIN who met the old definition: an ADMIN of the only top-level
 *   organisation, when every organisation hangs below it. A CHECK keeps it on ADMINs only.
 * - A department's head is one fact: the DEPT_HEAD role of an active user of that department.
 *   departments.head_user_id said it a second time; before the column is dropped, its user is given
 *   DEPT_HEAD when it is an active user of the department without it. A department has at most one
 *   head: where several active users of one department held DEPT_HEAD, the one head_user_id named
 *   (else the oldest account) keeps it and the others get STAFF in its place (DEPT_HEAD holds every
 *   STAFF right of the department, so they keep those).
 *
 * Every role or flag changed here is a history entry of the user (actor: none, the reason says
 * which migration), appended to the user's chain. The hashing is a frozen copy of the v2 ledger
 * definitions of libs/audit/src/ledger (migrations do not import the libraries they precede), as in
 * LedgerV2; the verifier checks the entries against the live code.
 */
const GENESIS = '0'.repeat(64);
const LINK_PREFIX = 'gwaje-history-v2';
const REASON = {
  systemAdministrator:
    '시스템 관리자를 저장된 사실로 바꾸며, 유일한 최상위 기관의 ADMIN에게 부여 (migration OrganisationTree) · ' +
    'system administrator made a stored fact: granted to the ADMIN of the only top-level organisation',
  headGranted:
    '부서장(head_user_id)을 DEPT_HEAD 역할 하나로 옮김 (migration OrganisationTree) · ' +
    'department head moved from head_user_id to the DEPT_HEAD role',
  secondHead:
    '부서장은 부서마다 한 명: 다른 부서장이 있어 DEPT_HEAD를 STAFF로 바꿈 (migration OrganisationTree) · ' +
    'one head per department: DEPT_HEAD replaced by STAFF, another user is the head',
};

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function canonicalHash(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('ledger value cannot be serialised');
  return sha256Hex(text);
}

interface UserChange {
  id: string;
  organisation_id: string;
}

/** Appends one history entry to a user's chain (ledger v2), as HistoryService.record does. */
async function recordUserChange(
  q: QueryRunner,
  user: UserChange,
  action: string,
  changes: Record<string, { from: unknown; to: unknown }>,
  reason: string,
): Promise<void> {
  const [head] = (await q.query(
    `SELECT record_seq, hash FROM history
      WHERE organisation_id = $1 AND record_type = 'user' AND record_id = $2
      ORDER BY record_seq DESC LIMIT 1`,
    [user.organisation_id, user.id],
  )) as Array<{ record_seq: number; hash: string }>;
  const seq = (head?.record_seq ?? 0) + 1;
  const prev = head?.hash ?? GENESIS;
  const occurredAt = new Date();
  const normalised = JSON.parse(JSON.stringify(changes)) as unknown;
  const content = canonicalHash({
    organisationId: user.organisation_id,
    recordType: 'user',
    recordId: user.id,
    action,
    actorId: null,
    occurredAt: occurredAt.toISOString(),
    changes: normalised,
    reason,
  });
  await q.query(
    `INSERT INTO history (organisation_id, record_type, record_id, record_seq, action, actor_id,
                          occurred_at, changes, reason, prev_hash, hash)
     VALUES ($1, 'user', $2, $3, $4, NULL, $5, $6::jsonb, $7, $8, $9)`,
    [
      user.organisation_id,
      user.id,
      seq,
      action,
      occurredAt,
      JSON.stringify(normalised),
      reason,
      prev,
      sha256Hex(`${LINK_PREFIX}|${content}|${seq}|${prev}`),
    ],
  );
}

const parseRoles = (value: string[] | string): string[] =>
  Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);

export class OrganisationTree1796200000000 implements MigrationInterface {
  name = 'OrganisationTree1796200000000';

  public async up(q: QueryRunner): Promise<void> {
    // ---- the system administrator ----------------------------------------------------------------
    await q.query(`ALTER TABLE "users" ADD "system_administrator" boolean NOT NULL DEFAULT false`);
    const systemAdministrators = (await q.query(
      `WITH RECURSIVE roots AS (SELECT id FROM organisations WHERE parent_id IS NULL),
            tree AS (SELECT id FROM roots UNION SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id)
       SELECT u.id, u.organisation_id FROM users u
        WHERE 'ADMIN' = ANY(u.roles)
          AND (SELECT count(*) FROM roots) = 1
          AND u.organisation_id = (SELECT id FROM roots)
          AND (SELECT count(*) FROM tree) = (SELECT count(*) FROM organisations)
        ORDER BY u.created_at, u.id`,
    )) as UserChange[];
    for (const user of systemAdministrators) {
      await q.query(
        `UPDATE users SET system_administrator = true, version = version + 1 WHERE id = $1`,
        [user.id],
      );
      await recordUserChange(
        q,
        user,
        'grant_system_administrator',
        { systemAdministrator: { from: false, to: true } },
        REASON.systemAdministrator,
      );
    }
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_system_administrator_is_admin"
         CHECK (NOT "system_administrator" OR 'ADMIN' = ANY("roles"))`,
    );

    // ---- a department's head: the DEPT_HEAD role ---------------------------------------------------
    const named = (await q.query(
      `SELECT u.id, u.organisation_id, u.roles::text[] AS roles
         FROM departments d JOIN users u ON u.id = d.head_user_id
        WHERE u.department_id = d.id AND u.active AND NOT ('DEPT_HEAD' = ANY(u.roles))
        ORDER BY u.created_at, u.id`,
    )) as Array<UserChange & { roles: string[] | string }>;
    for (const user of named) {
      const from = parseRoles(user.roles);
      const to = [...from, 'DEPT_HEAD'];
      await q.query(
        `UPDATE users SET roles = $2::user_role[], version = version + 1 WHERE id = $1`,
        [user.id, to],
      );
      await recordUserChange(q, user, 'update_roles', { roles: { from, to } }, REASON.headGranted);
    }
    // One head per department: the one head_user_id named, else the oldest account, keeps it.
    const extra = (await q.query(
      `SELECT id, organisation_id, roles FROM (
         SELECT u.id, u.organisation_id, u.roles::text[] AS roles, u.created_at,
                row_number() OVER (PARTITION BY u.department_id
                                   ORDER BY (u.id = d.head_user_id) DESC NULLS LAST, u.created_at, u.id) AS rank
           FROM users u JOIN departments d ON d.id = u.department_id
          WHERE u.active AND 'DEPT_HEAD' = ANY(u.roles)) ranked
        WHERE rank > 1 ORDER BY created_at, id`,
    )) as Array<UserChange & { roles: string[] | string }>;
    for (const user of extra) {
      const from = parseRoles(user.roles);
      const kept = from.filter((r) => r !== 'DEPT_HEAD');
      const to = kept.includes('STAFF') ? kept : ['STAFF', ...kept];
      await q.query(
        `UPDATE users SET roles = $2::user_role[], version = version + 1 WHERE id = $1`,
        [user.id, to],
      );
      await recordUserChange(q, user, 'update_roles', { roles: { from, to } }, REASON.secondHead);
    }
    await q.query(`ALTER TABLE "departments" DROP CONSTRAINT "FK_departments_head_user"`);
    await q.query(`ALTER TABLE "departments" DROP COLUMN "head_user_id"`);
    // The derived head of a department is read with every department list.
    await q.query(
      `CREATE INDEX "IDX_users_department_head" ON "users" ("department_id")
        WHERE "active" AND 'DEPT_HEAD' = ANY("roles")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Roles and flags granted above stay (their history entries cannot be taken back); the column
    // comes back holding each department's head as the role says it.
    await q.query(`DROP INDEX "IDX_users_department_head"`);
    await q.query(`ALTER TABLE "departments" ADD "head_user_id" uuid`);
    await q.query(
      `UPDATE departments d SET head_user_id = (
         SELECT u.id FROM users u
          WHERE u.department_id = d.id AND u.active AND 'DEPT_HEAD' = ANY(u.roles)
          ORDER BY u.created_at, u.id LIMIT 1)`,
    );
    await q.query(
      `ALTER TABLE "departments" ADD CONSTRAINT "FK_departments_head_user" FOREIGN KEY ("head_user_id") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_system_administrator_is_admin"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "system_administrator"`);
  }
}
