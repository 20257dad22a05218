import type { HttpClient } from './app.js';
import type { Factory } from './factory.js';
import { currentVersion, type TaskWorld } from './tasks.js';

/**
 * Makes a task of the world IN_PROGRESS and dates its activity back to `activeFrom` (Asia/Seoul),
 * as if it had been selected then, so reports of past periods are expected for it. Only the
 * activity record is moved: every other step goes through the API.
 */
export async function activeTaskSince(
  world: TaskWorld,
  factory: Factory,
  activeFrom: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const task = await world.task('IN_PROGRESS', overrides);
  await factory.db.query(
    `UPDATE task_active_spans SET active_from = ($2::date + time '09:00') AT TIME ZONE 'Asia/Seoul'
      WHERE task_id = $1`,
    [task.id, activeFrom],
  );
  return task;
}

/** POST /reports (open the task's report for a period) that must succeed. */
export async function openReport(
  http: HttpClient,
  token: string,
  taskId: string,
  period: string,
): Promise<any> {
  const res = await http.post('/api/v1/reports', { taskId, period }, { token });
  if (res.status !== 200)
    throw new Error(`opening ${period} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** PATCH a report with content enough to submit, then return it. */
export async function fillReport(
  http: HttpClient,
  token: string,
  report: { id: string; version: number },
  fields: Record<string, unknown> = {},
): Promise<any> {
  const res = await http.patch(
    `/api/v1/reports/${report.id}`,
    { version: report.version, progress: 40, achievements: '추진실적 내용', ...fields },
    { token },
  );
  if (res.status !== 200)
    throw new Error(`editing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST /reports/:id/transitions that must succeed. */
export async function reportAction(
  http: HttpClient,
  token: string,
  reportId: string,
  action: 'submit' | 'accept' | 'return',
  comment?: string,
  version?: number,
): Promise<any> {
  const v = version ?? (await currentVersion(http, token, `/api/v1/reports/${reportId}`));
  const res = await http.post(
    `/api/v1/reports/${reportId}/transitions`,
    comment === undefined ? { action, version: v } : { action, comment, version: v },
    { token },
  );
  if (res.status !== 200)
    throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
