/**
 * The claims of e-mails (EmailDelivery): each statement claims a chunk of e-mails (a
 * `notification_emails` row SENDING per e-mail, its notifications linked to it) and answers the
 * claimed ids, so a chunk costs one round trip however many e-mails it holds. Two workers claiming
 * at once never claim one e-mail twice: the unique keys and row locks decide, and a claim is
 * taken over only when it is open (below).
 */

/**
 * An e-mail open to a new claim: refused and due again (RETRY), or SENDING for longer than the
 * lease (its sender died before it could record the server's answer). `lease`: the parameter
 * holding smtp.sendLeaseMs.
 */
export const claimable = (table: string, lease: string) =>
  `((${table}.status = 'RETRY' AND ${table}.next_attempt_at <= now())
    OR (${table}.status = 'SENDING' AND ${table}.claimed_at < now() - ${lease}::int * interval '1 millisecond'))`;

/** A notification not e-mailed yet, or whose e-mail is open to a new claim. */
const unsent = (lease: string) => `(n.email_id IS NULL OR ${claimable('e', lease)})`;

const RECLAIM = (lease: string) => `DO UPDATE
      SET status = 'SENDING', attempts = notification_emails.attempts + 1, claimed_at = now(),
          next_attempt_at = NULL
    WHERE ${claimable('notification_emails', lease)}`;

/** One e-mail per notification of `pending(id, recipient_id)`; answers (last, ids). */
const claimEach = (lease: string, last: string) => `,
  claimed AS (
    INSERT INTO notification_emails (recipient_id, kind, notification_id, status, attempts, claimed_at)
    SELECT recipient_id, 'IMMEDIATE', id, 'SENDING', 1, now() FROM pending
    ON CONFLICT (notification_id) WHERE kind = 'IMMEDIATE' ${RECLAIM(lease)}
    RETURNING id, notification_id),
  linked AS (UPDATE notifications n SET email_id = c.id FROM claimed c WHERE n.id = c.notification_id)
SELECT ${last} AS last, COALESCE((SELECT array_agg(id::text) FROM claimed), '{}') AS ids`;

/** What a claim statement answers: the claimed e-mails, and where the next chunk starts. */
export interface ClaimedChunk {
  /** The last key the chunk considered (null: nothing was left). */
  last: string | null;
  ids: string[];
}

/**
 * The daily digests of an organisation's recipients after `$4` (a recipient id), `$5` at a time:
 * one e-mail per recipient and day ($2) carrying every unsent reminder. $1 organisation, $3 lease.
 */
export const CLAIM_DIGESTS = `
WITH pending AS (
    SELECT n.recipient_id, array_agg(n.id) AS ids
      FROM notifications n
      LEFT JOIN notification_emails e ON e.id = n.email_id
      LEFT JOIN notification_preferences p ON p.user_id = n.recipient_id
     WHERE n.organisation_id = $1 AND NOT n.urgent AND n.send_on <= $2::date
       AND ${unsent('$3')} AND n.recipient_id > $4::uuid AND COALESCE(p.digest, true)
     GROUP BY n.recipient_id ORDER BY n.recipient_id LIMIT $5),
  claimed AS (
    INSERT INTO notification_emails (recipient_id, kind, digest_date, status, attempts, claimed_at)
    SELECT recipient_id, 'DIGEST', $2::date, 'SENDING', 1, now() FROM pending
    ON CONFLICT (recipient_id, digest_date) WHERE kind = 'DIGEST' ${RECLAIM('$3')}
    RETURNING id, recipient_id),
  linked AS (
    UPDATE notifications n SET email_id = c.id
      FROM claimed c JOIN pending p ON p.recipient_id = c.recipient_id
     WHERE n.id = ANY(p.ids))
SELECT (SELECT recipient_id::text FROM pending ORDER BY recipient_id DESC LIMIT 1) AS last,
       COALESCE((SELECT array_agg(id::text) FROM claimed), '{}') AS ids`;

/**
 * One e-mail per reminder for the recipients who turned the digest off (or all, when the
 * organisation's digest is off: $6 false): reminders after `$4` (an id), `$5` at a time.
 */
export const CLAIM_SINGLES = `
WITH pending AS (
    SELECT n.id, n.recipient_id
      FROM notifications n
      LEFT JOIN notification_emails e ON e.id = n.email_id
      LEFT JOIN notification_preferences p ON p.user_id = n.recipient_id
     WHERE n.organisation_id = $1 AND NOT n.urgent AND n.send_on <= $2::date
       AND ${unsent('$3')} AND n.id > $4::bigint AND (NOT $6::boolean OR p.digest = false)
     ORDER BY n.id LIMIT $5)${claimEach('$3', '(SELECT max(id)::text FROM pending)')}`;

/** One e-mail per notification of $1 (an urgent event's, a chunk of them); $2 lease. */
export const CLAIM_EVENT = `
WITH pending AS (
    SELECT n.id, n.recipient_id
      FROM notifications n LEFT JOIN notification_emails e ON e.id = n.email_id
     WHERE n.id = ANY($1::bigint[]) AND ${unsent('$2')})${claimEach('$2', 'NULL::text')}`;

/**
 * The sweep's chunk: e-mails due for a retry and claims that outlived their lease ($1) with
 * attempts left ($2), $3 at a time; several workers may sweep at once (SKIP LOCKED).
 */
export const CLAIM_DUE = `
UPDATE notification_emails e
   SET status = 'SENDING', claimed_at = now(), attempts = e.attempts + 1, next_attempt_at = NULL
  FROM (SELECT id FROM notification_emails
         WHERE (status = 'RETRY' AND next_attempt_at <= now())
            OR (status = 'SENDING' AND claimed_at < now() - $1::int * interval '1 millisecond' AND attempts < $2)
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) x
 WHERE e.id = x.id
RETURNING e.id::text AS id`;

/** Claims that outlived their lease ($1) $2 times: given up, listed for administrators. */
export const GIVE_UP_EXPIRED = `
UPDATE notification_emails
   SET status = 'FAILED', error = 'no answer recorded within the send lease ' || attempts || ' times'
 WHERE status = 'SENDING' AND claimed_at < now() - $1::int * interval '1 millisecond' AND attempts >= $2
RETURNING id`;
