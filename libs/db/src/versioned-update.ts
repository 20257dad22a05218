import { DomainError } from '@gwaje/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * Optimistic-lock update (ARCHITECTURE.md convention 5): `UPDATE … SET …, version = version + 1
 * WHERE id = :id AND version = :version`. Zero rows means a stale version (409 with the current
 * one) or a missing row (404). TypeORM's save() does not guard the version, so never use it here.
 */
export async function updateWithVersion<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  patch: QueryDeepPartialEntity<T>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set({ ...patch, version: () => 'version + 1' })
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected) return;
  const current = await manager
    .createQueryBuilder(entity, 'e')
    .select('e.version', 'version')
    .where('e.id = :id', { id })
    .getRawOne<{ version: number }>();
  if (!current) throw DomainError.notFound();
  throw DomainError.conflict(current.version);
}

/**
 * The same guard for tables without an entity (raw-SQL contexts): `UPDATE <table> SET <set>,
 * version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`. A value `'now()'` is
 * written as the database's now(). Zero rows (a stale version or a missing row) is a 409 naming
 * the version the caller sent. `table` is a constant of the caller, never input.
 */
export async function updateRowWithVersion(
  manager: EntityManager,
  table: string,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<void> {
  const params: unknown[] = [id, version];
  const sets = Object.entries(set).map(([column, value]) => {
    if (value === 'now()') return `${column} = now()`;
    params.push(value);
    return `${column} = $${params.length}`;
  });
  const [, affected] = await manager.query<[unknown[], number]>(
    `UPDATE ${table} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE id = $1 AND version = $2`,
    params,
  );
  if (!affected) throw DomainError.conflict(version);
}
