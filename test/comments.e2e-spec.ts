import { useTestApi } from './support/app.js';
import { activeTaskSince, fillReport, openReport } from './support/reports.js';
import { type Actor, type TaskWorld, taskWorld } from './support/tasks.js';

// Comments with @mentions (issue 23) through the real HTTP API: scoped like the record they are
// on, threaded one level, editable by their author for comments.editMinutes, in the record's
// history, and a mention is an outbox event the reminder engine turns into a notification
// (e-mailed at once: test/notifications.e2e-spec.ts).

describe('comments with mentions', () => {
  const { http, factory } = useTestApi();
  let w: TaskWorld;
  let other: TaskWorld;
  let task: any;
  beforeAll(async () => {
    [w, other] = await Promise.all([taskWorld(http, factory), taskWorld(http, factory)]);
    task = await w.task('IN_PROGRESS');
  });

  const list = (u: Actor, recordType: string, recordId: string) =>
    http.get(`/api/v1/comments?recordType=${recordType}&recordId=${recordId}`, { token: u.token });
  const post = (u: Actor, body: Record<string, unknown>) =>
    http.post(
      '/api/v1/comments',
      { recordType: 'task', recordId: task.id, ...body },
      {
        token: u.token,
      },
    );
  const fields = (res: { body: any }) =>
    ((res.body.details ?? []) as Array<{ field: string }>).map((d) => d.field).sort();
  const outboxOf = async (commentId: string) =>
    (
      await factory.db.query<{ event: string; payload: Record<string, string> }>(
        `SELECT event, payload FROM outbox WHERE record_id = $1 ORDER BY id`,
        [commentId],
      )
    ).rows;
  const count = async () =>
    Number(
      (
        await factory.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM comments WHERE record_id = $1`,
          [task.id],
        )
      ).rows[0].n,
    );

  it('lets whoever reads the record comment and reply; threads are one level; others get 404', async () => {
    const first = await post(w.staff, { body: '  착공 일정 확인 부탁드립니다.  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      recordType: 'task',
      recordId: task.id,
      parentId: null,
      author: { id: w.staff.id },
      body: '착공 일정 확인 부탁드립니다.',
      mentions: [],
      deleted: false,
      version: 1,
      editedAt: null,
    });
    expect(typeof first.body.editableUntil).toBe('string');

    const reply = await post(w.auditor, { body: '확인했습니다.', parentId: first.body.id });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      parentId: first.body.id,
      editableUntil: expect.any(String),
    });
    // A reply to the reply joins the thread of the first comment.
    const again = await post(w.partner, { body: '협업과도 확인', parentId: reply.body.id });
    expect(again.status).toBe(201);
    expect(again.body.parentId).toBe(first.body.id);

    for (const reader of [w.staff, w.owner, w.head, w.office, w.auditor, w.partner]) {
      const res = await list(reader, 'task', task.id);
      expect(res.status).toBe(200);
      expect(res.body.map((c: any) => c.id)).toEqual([first.body.id, reply.body.id, again.body.id]);
      // Only the author may still change theirs.
      expect(res.body.map((c: any) => c.editableUntil !== null)).toEqual([
        reader === w.staff,
        reader === w.auditor,
        reader === w.partner,
      ]);
    }
    // Not their record: 404 to read and to write, whatever they send; nothing written.
    const before = await count();
    for (const stranger of [w.outsider, other.staff, other.office]) {
      expect((await list(stranger, 'task', task.id)).status).toBe(404);
      expect((await post(stranger, { body: '엿보기' })).status).toBe(404);
    }
    expect(await count()).toBe(before);
  });

  it('refuses bad input with the field named, writing nothing', async () => {
    const before = await count();
    const empty = await post(w.staff, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(fields(empty)).toEqual(['body']);
    const long = await post(w.staff, { body: '가'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(fields(long)).toEqual(['body']);
    const type = await post(w.staff, { body: '내용', recordType: 'nomination' });
    expect(type.status).toBe(400);
    expect(fields(type)).toEqual(['recordType']);
    // A reply to a comment of another record.
    const otherTask = await w.task('IN_PROGRESS');
    const elsewhere = await http.post(
      '/api/v1/comments',
      { recordType: 'task', recordId: otherTask.id, body: '다른 과제' },
      { token: w.staff.token },
    );
    const stray = await post(w.staff, { body: '답글', parentId: elsewhere.body.id });
    expect(stray.status).toBe(400);
    expect(fields(stray)).toEqual(['parentId']);
    expect(await count()).toBe(before);
  });

  it('mentions only people who may read the record, each notified once through the outbox', async () => {
    const before = await count();
    const refused = await post(w.staff, {
      body: '@무관 @타기관',
      mentionIds: [w.head.id, w.outsider.id, other.staff.id],
    });
    expect(refused.status).toBe(400);
    expect(fields(refused)).toEqual(['mentionIds.1', 'mentionIds.2']);
    expect(refused.body.details[0].message).toContain('볼 수 없는 사람');
    expect(await count()).toBe(before);

    // Mentioning oneself is dropped; the head and the auditor are mentioned.
    const ok = await post(w.staff, {
      body: '@부서장 @감사 검토 부탁드립니다.',
      mentionIds: [w.head.id, w.staff.id, w.auditor.id, w.head.id],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.mentions.map((m: any) => m.id).sort()).toEqual([w.head.id, w.auditor.id].sort());
    const events = await outboxOf(ok.body.id);
    expect(events).toHaveLength(1);
    expect(events[0].event).toBe('comment.mentioned');
    expect(events[0].payload.mentionIds.split(',').sort()).toEqual(
      [w.head.id, w.auditor.id].sort(),
    );

    // An edit notifies only who it mentions for the first time.
    const edited = await http.patch(
      `/api/v1/comments/${ok.body.id}`,
      {
        body: '@부서장 @감사 @전담 검토 부탁드립니다.',
        mentionIds: [w.head.id, w.auditor.id, w.office.id],
        version: 1,
      },
      { token: w.staff.token },
    );
    expect(edited.status).toBe(200);
    const after = await outboxOf(ok.body.id);
    expect(after).toHaveLength(2);
    expect(after[1].payload.mentionIds).toBe(w.office.id);
  });

  it('lists people to mention who may read the record, by name or department', async () => {
    await factory.db.query(`UPDATE users SET name = $2 WHERE id = $1`, [w.head.id, '한결재']);
    await factory.db.query(`UPDATE users SET name = $2 WHERE id = $1`, [w.outsider.id, '한무관']);
    const res = await http.get(
      `/api/v1/comments/mentionable?recordType=task&recordId=${task.id}&q=${encodeURIComponent('한')}`,
      { token: w.staff.token },
    );
    expect(res.status).toBe(200);
    const ids = res.body.map((p: any) => p.id);
    expect(ids).toContain(w.head.id);
    expect(ids).not.toContain(w.outsider.id);
    expect(res.body.find((p: any) => p.id === w.head.id).departmentName).toBe(w.lead.name);
    expect(
      (
        await http.get(`/api/v1/comments/mentionable?recordType=task&recordId=${task.id}&q=x`, {
          token: w.outsider.token,
        })
      ).status,
    ).toBe(404);
  });

  it('lets the author edit or delete within comments.editMinutes, keeping every version in the history', async () => {
    const c = (await post(w.owner, { body: '처음 쓴 내용' })).body;
    const patch = (u: Actor, body: Record<string, unknown>) =>
      http.patch(`/api/v1/comments/${c.id}`, body, { token: u.token });
    expect((await patch(w.head, { body: '남의 것', version: 1 })).status).toBe(403);
    expect((await http.delete(`/api/v1/comments/${c.id}`, { token: w.head.token })).status).toBe(
      403,
    );
    expect((await patch(w.outsider, { body: '남의 것', version: 1 })).status).toBe(404);
    const ok = await patch(w.owner, { body: '고친 내용', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ body: '고친 내용', version: 2, editedAt: expect.any(String) });
    expect((await patch(w.owner, { body: '오래된 버전', version: 1 })).status).toBe(409);

    const reply = (await post(w.head, { body: '답글', parentId: c.id })).body;
    expect((await http.delete(`/api/v1/comments/${c.id}`, { token: w.owner.token })).status).toBe(
      204,
    );
    const shown = (await list(w.head, 'task', task.id)).body;
    expect(shown.find((x: any) => x.id === c.id)).toMatchObject({
      deleted: true,
      body: '',
      editableUntil: null,
    });
    // Its reply stays in the thread.
    expect(shown.find((x: any) => x.id === reply.id).parentId).toBe(c.id);
    expect((await patch(w.owner, { body: '부활', version: 3 })).status).toBe(409);

    // After the window: 409, nothing changes.
    await factory.db.query(
      `UPDATE comments SET created_at = now() - interval '16 minutes' WHERE id = $1`,
      [reply.id],
    );
    const late = await http.patch(
      `/api/v1/comments/${reply.id}`,
      { body: '늦은 수정', version: 1 },
      { token: w.head.token },
    );
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('시간이 지났습니다');
    expect(
      (await list(w.head, 'task', task.id)).body.find((x: any) => x.id === reply.id),
    ).toMatchObject({ body: '답글', editableUntil: null });

    const history = (await http.get(`/api/v1/tasks/${task.id}/history`, { token: w.office.token }))
      .body as any[];
    const mine = history.filter(
      (h) => h.actorId === w.owner.id && String(h.action).startsWith('comment.'),
    );
    expect(mine.map((h) => [h.action, h.changes.comment])).toEqual([
      ['comment.add', { from: null, to: '처음 쓴 내용' }],
      ['comment.edit', { from: '처음 쓴 내용', to: '고친 내용' }],
      ['comment.delete', { from: '고친 내용', to: null }],
    ]);
  });

  it('scopes report comments like the report: its department and reviewers, not others', async () => {
    const t = await activeTaskSince(w, factory, '2025-01-01');
    const report = await fillReport(
      http,
      w.staff.token,
      await openReport(http, w.staff.token, t.id, '2025-Q2'),
    );
    const made = await http.post(
      '/api/v1/comments',
      {
        recordType: 'report',
        recordId: report.id,
        body: '증빙 첨부 예정',
        mentionIds: [w.auditor.id],
      },
      { token: w.staff.token },
    );
    expect(made.status).toBe(201);
    expect((await list(w.auditor, 'report', report.id)).body).toHaveLength(1);
    expect((await list(w.outsider, 'report', report.id)).status).toBe(404);
    expect((await list(other.auditor, 'report', report.id)).status).toBe(404);
    // A task id named as a report names nothing.
    expect((await list(w.staff, 'report', t.id)).status).toBe(404);
  });

  it('finds people of the caller’s own organisation for pickers, by name or department, nothing else', async () => {
    await factory.db.query(`UPDATE users SET name = $2 WHERE id = $1`, [w.partner.id, '피커협업']);
    await factory.db.query(`UPDATE users SET name = $2 WHERE id = $1`, [
      other.staff.id,
      '피커타기관',
    ]);
    const find = (q: string, token = w.staff.token) =>
      http.get(`/api/v1/people?q=${encodeURIComponent(q)}`, { token });
    const byName = await find('피커');
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual([
      {
        id: w.partner.id,
        name: '피커협업',
        departmentId: w.partnerDept.id,
        departmentName: w.partnerDept.name,
      },
    ]);
    // By department: everyone of it, no contact details.
    const byDept = await find(w.partnerDept.name);
    expect(byDept.body.map((p: any) => p.id)).toEqual([w.partner.id]);
    expect(Object.keys(byDept.body[0]).sort()).toEqual([
      'departmentId',
      'departmentName',
      'id',
      'name',
    ]);
    // Another organisation's caller finds their own, not ours.
    expect((await find('피커', other.office.token)).body.map((p: any) => p.id)).toEqual([
      other.staff.id,
    ]);
    const empty = await find('');
    expect(empty.status).toBe(400);
    expect(fields(empty)).toEqual(['q']);
  });
});
