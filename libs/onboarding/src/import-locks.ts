import type { Tx } from '@gwaje/db';
import type { ImportKind } from './import-types.js';

/**
 * Serialises imports of one kind into one organisation (the first lock of the transaction: lock
 * order 1 in libs/db/src/transaction.service.ts), so two uploads of the same file cannot both
 * decide "create".
 */
export async function lockImport(tx: Tx, organisationId: string, kind: ImportKind): Promise<void> {
  await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `import:${kind}:${organisationId}`,
  ]);
}
