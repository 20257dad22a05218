import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HistoryService, type Changes } from '@gwaje/audit';
import { DomainError, ErrorCode } from '@gwaje/common';
import { TransactionService } from '@gwaje/db';
import { AccessPolicy, type AuthUser, Role } from '@gwaje/identity';
import { DataSource } from 'typeorm';
import { normaliseSavedViewQuery, type SavedViewList } from './saved-view-rules.js';

const RECORD_TYPE = 'saved_view';

export interface SavedView {
  id: string;
  list: SavedViewList;
  name: string;
  /** The list's filters and sort as a URL query string (no leading `?`). */
  query: string;
  shared: boolean;
  owner: { id: string; name: string };
  /** The caller saved it (and may rename or change it). */
  mine: boolean;
  /** The caller may delete it: their own, or a shared one for the office and ADMIN. */
  deletable: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewSavedView {
  list: SavedViewList;
  name: string;
  query: string;
  shared?: boolean;
}

export interface SavedViewChange {
  name?: string;
  query?: string;
  shared?: boolean;
}

interface Row {
  id: string;
  organisation_id: string;
  owner_id: string;
  owner_name: string;
  list: SavedViewList;
  name: string;
  query: string;
  shared: boolean;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT v.id, v.organisation_id, v.owner_id, u.name AS owner_name, v.list, v.name, v.query,
                       v.shared, v.created_at, v.updated_at
                  FROM saved_views v JOIN users u ON u.id = v.owner_id`;

const SHARE_REFUSED = {
  ko: '공유 보기는 적극행정 전담부서(PROACTIVE_OFFICE)와 관리자(ADMIN)만 만들거나 공유로 바꿀 수 있습니다. 공유하지 않는 내 보기로 저장하세요.',
  en: 'Only the proactive-administration office (PROACTIVE_OFFICE) and ADMIN may create or share a shared view; save it as your own view instead.',
};
const OWNER_ONLY = {
  ko: '저장된 보기는 만든 사람만 고칠 수 있습니다.',
  en: 'Only the person who saved a view may change it.',
};
const DELETE_REFUSED = {
  ko: '이 보기는 만든 사람만 지울 수 있습니다(공유 보기는 적극행정 전담부서·관리자도 지울 수 있습니다).',
  en: 'Only the person who saved this view may delete it (a shared one also the office and ADMIN).',
};

/**
 * Saved views (저장된 보기) of the three lists: each person's own, and the ones the office shares
 * with its organisation. Everybody reads their own and their organisation's shared views; only the
 * owner changes one; a shared one may also be deleted by the office (PROACTIVE_OFFICE) and ADMIN of
 * the organisation. Another organisation's view, or someone else's unshared one, is a 404.
 * Creation, changes and deletion are recorded in history.
 */
@Injectable()
export class SavedViewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly policy: AccessPolicy,
    private readonly history: HistoryService,
  ) {}

  async list(user: AuthUser, list: SavedViewList): Promise<SavedView[]> {
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT}
        WHERE v.organisation_id = $1 AND v.list = $2 AND (v.owner_id = $3 OR v.shared)
        ORDER BY v.shared DESC, v.name, v.created_at`,
      [user.organisationId, list, user.id],
    );
    return rows.map((r) => this.view(user, r));
  }

  async create(user: AuthUser, input: NewSavedView): Promise<SavedView> {
    const shared = input.shared ?? false;
    if (shared && !this.mayShare(user)) throw new DomainError(ErrorCode.FORBIDDEN, SHARE_REFUSED);
    const query = normaliseSavedViewQuery(input.list, input.query);
    const id = await this.tx.run(async (tx) => {
      const [row] = await tx.manager.query<Array<{ id: string }>>(
        `INSERT INTO saved_views (organisation_id, owner_id, list, name, query, shared)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [user.organisationId, user.id, input.list, input.name, query, shared],
      );
      await this.history.record(tx, {
        organisationId: user.organisationId,
        recordType: RECORD_TYPE,
        recordId: row.id,
        action: 'create',
        actorId: user.id,
        changes: {
          list: { from: null, to: input.list },
          name: { from: null, to: input.name },
          query: { from: null, to: query },
          shared: { from: null, to: shared },
        },
      });
      return row.id;
    });
    return this.view(user, await this.visibleRow(user, id));
  }

  async update(user: AuthUser, id: string, change: SavedViewChange): Promise<SavedView> {
    const before = await this.visibleRow(user, id);
    if (before.owner_id !== user.id) throw new DomainError(ErrorCode.FORBIDDEN, OWNER_ONLY);
    if (change.shared === true && !before.shared && !this.mayShare(user)) {
      throw new DomainError(ErrorCode.FORBIDDEN, SHARE_REFUSED);
    }
    const after = {
      name: change.name ?? before.name,
      query:
        change.query !== undefined
          ? normaliseSavedViewQuery(before.list, change.query)
          : before.query,
      shared: change.shared ?? before.shared,
    };
    const changes: Changes = {};
    for (const key of ['name', 'query', 'shared'] as const) {
      if (after[key] !== before[key]) changes[key] = { from: before[key], to: after[key] };
    }
    if (Object.keys(changes).length) {
      await this.tx.run(async (tx) => {
        await tx.manager.query(
          `UPDATE saved_views SET name = $2, query = $3, shared = $4, updated_at = now() WHERE id = $1`,
          [id, after.name, after.query, after.shared],
        );
        await this.history.record(tx, {
          organisationId: before.organisation_id,
          recordType: RECORD_TYPE,
          recordId: id,
          action: 'update',
          actorId: user.id,
          changes,
        });
      });
    }
    return this.view(user, await this.visibleRow(user, id));
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const row = await this.visibleRow(user, id);
    if (!this.deletable(user, row)) throw new DomainError(ErrorCode.FORBIDDEN, DELETE_REFUSED);
    await this.tx.run(async (tx) => {
      await tx.manager.query(`DELETE FROM saved_views WHERE id = $1`, [id]);
      await this.history.record(tx, {
        organisationId: row.organisation_id,
        recordType: RECORD_TYPE,
        recordId: id,
        action: 'delete',
        actorId: user.id,
        changes: {
          list: { from: row.list, to: null },
          name: { from: row.name, to: null },
          query: { from: row.query, to: null },
          shared: { from: row.shared, to: null },
        },
      });
    });
  }

  /** The caller's own view or a shared one of their organisation; anything else is a 404. */
  private async visibleRow(user: AuthUser, id: string): Promise<Row> {
    const [row] = await this.dataSource.query<Row[]>(
      `${SELECT} WHERE v.id = $1 AND v.organisation_id = $2 AND (v.owner_id = $3 OR v.shared)`,
      [id, user.organisationId, user.id],
    );
    if (!row) throw DomainError.notFound();
    return row;
  }

  private mayShare(user: AuthUser): boolean {
    return this.policy.hasRole(user, Role.PROACTIVE_OFFICE, Role.ADMIN);
  }

  private deletable(user: AuthUser, row: Row): boolean {
    return row.owner_id === user.id || (row.shared && this.mayShare(user));
  }

  private view(user: AuthUser, r: Row): SavedView {
    return {
      id: r.id,
      list: r.list,
      name: r.name,
      query: r.query,
      shared: r.shared,
      owner: { id: r.owner_id, name: r.owner_name },
      mine: r.owner_id === user.id,
      deletable: this.deletable(user, r),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
