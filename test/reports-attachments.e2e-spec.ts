import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { HttpClient } from './support/app.js';
import { useTestApi } from './support/app.js';
import { type Factory, login } from './support/factory.js';
import { activeTaskSince, fillReport, openReport, reportAction } from './support/reports.js';
import { type Actor, type TaskWorld, taskWorld, transition } from './support/tasks.js';

// Attachments of milestone reports (DOMAIN.md §3): allowed types checked on content, size limit per
// organisation (setting attachments.maxFileMb), sha256, storage in Postgres or in a directory,
// reading under the report's scope with every download in the access log.

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Fixture {
  name: string;
  bytes: Buffer;
  mediaType: string;
}

const TXT: Fixture = {
  name: '추진실적_3분기.txt',
  bytes: Buffer.from(
    '2025년 3분기 추진실적\n- 민원 처리기간 14일 → 7일 단축\n- 협업 부서 회의 3회\n',
    'utf8',
  ),
  mediaType: 'text/plain; charset=utf-8',
};

const PDF: Fixture = {
  name: '결과보고서.pdf',
  bytes: Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
      'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  ),
  mediaType: 'application/pdf',
};

/** An HWP 5 file is an OLE compound file: the CFB signature, here followed by zero padding. */
const HWP: Fixture = {
  name: '이행실적 보고.hwp',
  bytes: (() => {
    const bytes = Buffer.alloc(2048);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes);
    return bytes;
  })(),
  mediaType: 'application/x-hwp',
};

async function xlsxFixture(): Promise<Fixture> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('이행실적');
  sheet.addRow(['과제', '기간', '추진률']);
  sheet.addRow(['민원 처리기간 단축', '2025-Q3', 60]);
  return {
    name: '실적집계표.xlsx',
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

/** A Windows executable's first bytes ('MZ' DOS header). */
const EXE_BYTES = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(510, 0x90)]);

const MB = 1024 * 1024;

/** Shared steps of both suites, bound to one API and factory. */
function helpers(http: HttpClient, factory: Factory) {
  const url = (reportId: string, attachmentId?: string) =>
    `/api/v1/reports/${reportId}/attachments${attachmentId ? `/${attachmentId}` : ''}`;
  return {
    url,
    upload: (reportId: string, file: { name: string; bytes: Uint8Array }, actor: Actor) =>
      http.upload(url(reportId), file, { token: actor.token }),
    async rowsOf(reportId: string) {
      const { rows } = await factory.db.query(
        `SELECT id, storage, content, storage_key, size_bytes, sha256 FROM attachments
          WHERE owner_type = 'report' AND owner_id = $1 ORDER BY created_at`,
        [reportId],
      );
      return rows;
    },
    async reportVersion(reportId: string): Promise<number> {
      const { rows } = await factory.db.query(`SELECT version FROM reports WHERE id = $1`, [
        reportId,
      ]);
      return rows[0].version;
    },
    async setMaxFileMb(office: Actor, mb: number) {
      const current = await http.get('/api/v1/settings', { token: office.token });
      const res = await http.patch(
        '/api/v1/settings',
        { version: current.body.version, values: { 'attachments.maxFileMb': mb } },
        { token: office.token },
      );
      expect(res.status).toBe(200);
    },
  };
}

/** The file name a Content-Disposition header offers in its UTF-8 form (RFC 5987). */
function utf8FileName(disposition: string | null): string | null {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]) : null;
}

describe('report attachments (stored in the database)', () => {
  const { http, factory } = useTestApi();
  const h = helpers(http, factory);
  let w: TaskWorld;
  let task: any;
  /** STAFF and AUDITOR of another organisation. */
  let farStaff: Actor;
  let farAuditor: Actor;

  beforeAll(async () => {
    w = await taskWorld(http, factory);
    // Active since 2025: each test opens its own period (2025-Q1 … 2025-Q4).
    task = await activeTaskSince(w, factory, '2025-01-01');
    const org = await factory.org();
    const dept = await factory.dept(org.id, { isAuditUnit: true });
    const [s, a] = await Promise.all([
      factory.user(dept, ['STAFF']),
      factory.user(dept, ['AUDITOR']),
    ]);
    farStaff = { ...s, token: (await login(http, s)).accessToken };
    farAuditor = { ...a, token: (await login(http, a)).accessToken };
  });

  it('stores txt, pdf, xlsx and hwp with their media type, size and sha256, and downloads the same bytes', async () => {
    const report = await openReport(http, w.staff.token, task.id, '2025-Q1');
    const fixtures = [TXT, PDF, await xlsxFixture(), HWP];
    const uploaded: Array<{ fixture: Fixture; id: string }> = [];
    for (const fixture of fixtures) {
      const res = await h.upload(report.id, fixture, w.staff);
      expect({ file: fixture.name, status: res.status }).toEqual({
        file: fixture.name,
        status: 201,
      });
      expect(res.body.id).toBe(report.id);
      const att = (res.body.attachments as any[]).find((a) => a.fileName === fixture.name);
      expect(att).toMatchObject({
        fileName: fixture.name,
        mediaType: fixture.mediaType,
        sizeBytes: fixture.bytes.length,
        sha256: sha256(fixture.bytes),
        uploadedBy: w.staff.id,
      });
      uploaded.push({ fixture, id: att.id });
    }

    const list = await http.get(h.url(report.id), { token: w.staff.token });
    expect(list.status).toBe(200);
    expect((list.body as any[]).map((a) => a.fileName)).toEqual(fixtures.map((f) => f.name));
    const rows = await h.rowsOf(report.id);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatchObject({ storage: 'database', storage_key: null });

    for (const { fixture, id } of uploaded) {
      const res = await http.download(h.url(report.id, id), { token: w.staff.token });
      expect(res.status).toBe(200);
      expect(res.bytes.equals(fixture.bytes)).toBe(true);
      expect(sha256(res.bytes)).toBe(sha256(fixture.bytes));
      expect(res.headers.get('content-type')).toBe(fixture.mediaType);
      const disposition = res.headers.get('content-disposition');
      expect(disposition).toMatch(/^attachment;/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(fixture.name)}`);
      expect(utf8FileName(disposition)).toBe(fixture.name);
    }
  });

  it('refuses executables, types off the list, content that is not what the name says, and empty uploads', async () => {
    const report = await openReport(http, w.staff.token, task.id, '2025-Q2');
    const version = await h.reportVersion(report.id);
    const cases: Array<[string, Buffer, number, string]> = [
      ['보고서.pdf', EXE_BYTES, 415, 'UNSUPPORTED_FILE_TYPE'], // an executable named .pdf
      ['setup.exe', EXE_BYTES, 415, 'UNSUPPORTED_FILE_TYPE'], // not on the allow-list
      ['본문.pdf', TXT.bytes, 415, 'UNSUPPORTED_FILE_TYPE'], // text is not a PDF
      ['표.xlsx', PDF.bytes, 415, 'UNSUPPORTED_FILE_TYPE'], // a PDF is not a workbook
      ['빈파일.txt', Buffer.alloc(0), 400, 'VALIDATION_FAILED'], // empty
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await h.upload(report.id, { name, bytes }, w.staff);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code });
      expect(res.body.details[0].field).toBe('file');
    }
    // No file at all: a JSON body instead of multipart.
    const none = await http.post(h.url(report.id), {}, { token: w.staff.token });
    expect(none.status).toBe(400);
    expect(none.body.details[0].field).toBe('file');

    expect(await h.rowsOf(report.id)).toEqual([]);
    expect(await h.reportVersion(report.id)).toBe(version);
    const detail = await http.get(`/api/v1/reports/${report.id}`, { token: w.staff.token });
    expect(detail.body.attachments).toEqual([]);
  });

  it('lets every reader of the report download, in the access log, and hides the file from others (404)', async () => {
    const report = await openReport(http, w.staff.token, task.id, '2025-Q3');
    const up = await h.upload(report.id, PDF, w.staff);
    expect(up.status).toBe(201);
    const attId = up.body.attachments[0].id;

    for (const u of [w.auditor, w.partner, w.office, w.head, w.owner]) {
      const res = await http.download(h.url(report.id, attId), { token: u.token });
      expect(res.status).toBe(200);
      expect(res.bytes.equals(PDF.bytes)).toBe(true);
    }
    for (const u of [w.outsider, w.committee, w.admin, farStaff, farAuditor]) {
      const res = await http.download(h.url(report.id, attId), { token: u.token });
      expect(res.status).toBe(404);
      expect((await http.get(h.url(report.id), { token: u.token })).status).toBe(404);
    }
    // An attachment id under another report of the same task is not found either.
    const other = await openReport(http, w.staff.token, task.id, '2026-Q2');
    expect((await http.download(h.url(other.id, attId), { token: w.auditor.token })).status).toBe(
      404,
    );

    const log = await http.get('/api/v1/access-log?recordType=report_attachment&limit=200', {
      token: w.auditor.token,
    });
    expect(log.status).toBe(200);
    const downloads = (log.body.items as any[]).filter(
      (e) => e.action === 'DOWNLOAD' && e.recordId === attId,
    );
    expect(downloads.map((e) => e.userId).sort()).toEqual(
      [w.auditor, w.partner, w.office, w.head, w.owner].map((u) => u.id).sort(),
    );
    for (const e of downloads) expect(e.organisationId).toBe(w.org.id);
  });

  it('lets only the lead department attach, and only while the report is a draft or returned', async () => {
    const report = await openReport(http, w.staff.token, task.id, '2025-Q4');
    const denied: Array<[Actor, number]> = [
      [w.auditor, 403],
      [w.office, 403],
      [w.partner, 403],
      [w.outsider, 404],
      [w.committee, 404],
      [farStaff, 404],
    ];
    for (const [u, status] of denied) {
      const res = await h.upload(report.id, TXT, u);
      expect({ roles: u.roles, dept: u.departmentId, status: res.status }).toEqual({
        roles: u.roles,
        dept: u.departmentId,
        status,
      });
    }
    expect(await h.rowsOf(report.id)).toEqual([]);

    // The lead department's STAFF and DEPT_HEAD may.
    const byHead = await h.upload(report.id, HWP, w.head);
    expect(byHead.status).toBe(201);
    const attId = byHead.body.attachments[0].id;

    // Submitted: read-only for its authors (409), still readable.
    const filled = await fillReport(http, w.staff.token, byHead.body);
    await reportAction(http, w.head.token, filled.id, 'submit');
    const version = await h.reportVersion(report.id);
    const late = await h.upload(report.id, TXT, w.staff);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ILLEGAL_TRANSITION');
    const remove = await http.delete(h.url(report.id, attId), { token: w.staff.token });
    expect(remove.status).toBe(409);
    expect(await h.rowsOf(report.id)).toHaveLength(1);
    expect(await h.reportVersion(report.id)).toBe(version);
    expect((await http.download(h.url(report.id, attId), { token: w.staff.token })).status).toBe(
      200,
    );

    // Returned: editable again.
    await reportAction(http, w.auditor.token, report.id, 'return', '증빙 파일을 보완하세요.');
    const again = await h.upload(report.id, TXT, w.staff);
    expect(again.status).toBe(201);
    expect(again.body.attachments).toHaveLength(2);
  });

  it('deletes a file for the lead department (204, then 404) and records add and remove in the history', async () => {
    const current = await openReport(
      http,
      w.staff.token,
      task.id,
      // A period of its own: 2025-Q1 (first test) already holds files; the history is per report.
      '2026-Q1',
    );
    const up = await h.upload(current.id, TXT, w.staff);
    expect(up.status).toBe(201);
    const attId = up.body.attachments[0].id;
    const version = await h.reportVersion(current.id);

    for (const [u, status] of [
      [w.auditor, 403],
      [w.partner, 403],
      [w.outsider, 404],
    ] as Array<[Actor, number]>) {
      expect((await http.delete(h.url(current.id, attId), { token: u.token })).status).toBe(status);
    }
    const gone = await http.delete(h.url(current.id, attId), { token: w.staff.token });
    expect(gone.status).toBe(204);
    expect(await h.reportVersion(current.id)).toBe(version + 1);
    expect((await http.download(h.url(current.id, attId), { token: w.staff.token })).status).toBe(
      404,
    );
    expect((await http.delete(h.url(current.id, attId), { token: w.staff.token })).status).toBe(
      404,
    );
    expect((await http.get(h.url(current.id), { token: w.staff.token })).body).toEqual([]);
    expect(await h.rowsOf(current.id)).toEqual([]);

    const history = await http.get(`/api/v1/reports/${current.id}/history`, {
      token: w.auditor.token,
    });
    expect(history.status).toBe(200);
    const entries = history.body as any[];
    const add = entries.find((e) => e.action === 'attachment.add');
    const remove = entries.find((e) => e.action === 'attachment.remove');
    expect(add).toMatchObject({
      actorId: w.staff.id,
      changes: {
        [`attachment:${attId}`]: {
          from: null,
          to: { fileName: TXT.name, sizeBytes: TXT.bytes.length, sha256: sha256(TXT.bytes) },
        },
      },
    });
    expect(remove).toMatchObject({
      actorId: w.staff.id,
      changes: {
        [`attachment:${attId}`]: {
          from: expect.objectContaining({ fileName: TXT.name, sha256: sha256(TXT.bytes) }),
          to: null,
        },
      },
    });
    expect(entries.indexOf(add)).toBeLessThan(entries.indexOf(remove));
  });

  it('refuses a file over the organisation limit with 413 and stores nothing', async () => {
    // Its own organisation: the limit is an organisation setting.
    const own = await taskWorld(http, factory);
    const ownTask = await activeTaskSince(own, factory, '2025-01-01');
    const report = await openReport(http, own.staff.token, ownTask.id, '2025-Q3');
    await h.setMaxFileMb(own.office, 1);
    const version = await h.reportVersion(report.id);

    const big = Buffer.alloc(Math.round(1.5 * MB), 'a'); // 1.5 MB of text
    const res = await h.upload(report.id, { name: '대용량.txt', bytes: big }, own.staff);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.details[0].field).toBe('file');
    const { rows } = await factory.db.query(
      `SELECT count(*)::int AS n FROM attachments WHERE owner_type = 'report' AND owner_id = $1`,
      [report.id],
    );
    expect(rows[0].n).toBe(0);
    expect(await h.reportVersion(report.id)).toBe(version);

    // Just under the limit is fine.
    const fits = Buffer.alloc(MB - 1024, 'b');
    const ok = await h.upload(report.id, { name: '한도이내.txt', bytes: fits }, own.staff);
    expect(ok.status).toBe(201);
    expect(ok.body.attachments[0]).toMatchObject({ sizeBytes: fits.length, sha256: sha256(fits) });
  });
});

describe('task attachments (issue 23: the same mechanism on priority tasks)', () => {
  const { http, factory } = useTestApi();
  let w: TaskWorld;

  beforeAll(async () => {
    w = await taskWorld(http, factory);
  });

  const url = (taskId: string, attachmentId?: string) =>
    `/api/v1/tasks/${taskId}/attachments${attachmentId ? `/${attachmentId}` : ''}`;

  it('lets those who work on the task attach and remove, every reader download, in its history; others 403 or 404', async () => {
    const task = await w.task('IN_PROGRESS', { memberIds: [w.staff.id] });
    // A member records progress: they attach.
    const up = await http.upload(url(task.id), PDF, { token: w.staff.token });
    expect(up.status).toBe(201);
    expect(up.body).toEqual([
      expect.objectContaining({
        fileName: PDF.name,
        mediaType: 'application/pdf',
        sizeBytes: PDF.bytes.length,
        sha256: sha256(PDF.bytes),
        uploadedBy: w.staff.id,
      }),
    ]);
    const attId = up.body[0].id;
    // Readers who do not work on it (the partner department, the office, the auditor): 403 to
    // attach or remove, 200 to list and download.
    for (const u of [w.partner, w.office, w.auditor]) {
      expect((await http.upload(url(task.id), TXT, { token: u.token })).status).toBe(403);
      expect((await http.delete(url(task.id, attId), { token: u.token })).status).toBe(403);
      const res = await http.download(url(task.id, attId), { token: u.token });
      expect(res.status).toBe(200);
      expect(res.bytes.equals(PDF.bytes)).toBe(true);
    }
    // Not readers: 404 for everything.
    for (const u of [w.outsider, w.admin]) {
      expect((await http.get(url(task.id), { token: u.token })).status).toBe(404);
      expect((await http.download(url(task.id, attId), { token: u.token })).status).toBe(404);
      expect((await http.upload(url(task.id), TXT, { token: u.token })).status).toBe(404);
    }
    // Refused content: an executable named .pdf is a 415, nothing stored.
    const exe = await http.upload(
      url(task.id),
      { name: '계획서.pdf', bytes: EXE_BYTES },
      { token: w.owner.token },
    );
    expect(exe.status).toBe(415);
    expect((await http.get(url(task.id), { token: w.owner.token })).body).toHaveLength(1);
    // The file is the task's only: under another task it names nothing.
    const other = await w.task('IN_PROGRESS');
    expect((await http.download(url(other.id, attId), { token: w.head.token })).status).toBe(404);

    expect((await http.delete(url(task.id, attId), { token: w.owner.token })).status).toBe(204);
    expect((await http.download(url(task.id, attId), { token: w.owner.token })).status).toBe(404);
    const history = (await http.get(`/api/v1/tasks/${task.id}/history`, { token: w.office.token }))
      .body as any[];
    const files = history.filter((e) => String(e.action).startsWith('attachment.'));
    expect(files.map((e) => [e.action, e.actorId])).toEqual([
      ['attachment.add', w.staff.id],
      ['attachment.remove', w.owner.id],
    ]);
    expect(files[0].changes[`attachment:${attId}`].to).toMatchObject({ fileName: PDF.name });
  });

  it('closes a finished task to new files, keeping the ones it has readable', async () => {
    const task = await w.task('IN_PROGRESS');
    const up = await http.upload(url(task.id), TXT, { token: w.owner.token });
    expect(up.status).toBe(201);
    const done = await transition(http, w.head.token, task.id, 'complete', '완료 보고서 첨부');
    expect(done.status).toBe('COMPLETED');
    expect((await http.upload(url(task.id), TXT, { token: w.owner.token })).status).toBe(403);
    expect((await http.upload(url(task.id), TXT, { token: w.head.token })).status).toBe(403);
    expect(
      (await http.download(url(task.id, up.body[0].id), { token: w.owner.token })).status,
    ).toBe(200);
  });
});

describe('report attachments stored in a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gwaje-attachments-'));
  const { http, factory } = useTestApi({ ATTACHMENTS_STORAGE: 'directory', ATTACHMENTS_DIR: dir });
  const h = helpers(http, factory);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every file under the directory, as paths relative to it. */
  function filesIn(root: string, prefix = ''): string[] {
    return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesIn(root, join(prefix, e.name)) : [join(prefix, e.name)],
    );
  }

  async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  }

  it('writes the file under the directory, serves it, leaves nothing for refused uploads, and deletes it', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await openReport(http, w.staff.token, task.id, '2025-Q2');
    expect(filesIn(dir)).toEqual([]);

    const up = await h.upload(report.id, PDF, w.staff);
    expect(up.status).toBe(201);
    const att = up.body.attachments[0];
    expect(att).toMatchObject({ sizeBytes: PDF.bytes.length, sha256: sha256(PDF.bytes) });

    const stored = filesIn(dir);
    expect(stored).toHaveLength(1);
    expect(readFileSync(join(dir, stored[0])).equals(PDF.bytes)).toBe(true);
    const [row] = await h.rowsOf(report.id);
    expect(row).toMatchObject({ id: att.id, storage: 'directory', content: null });
    expect(join(row.storage_key)).toBe(stored[0]);
    // The stored name is generated, never the uploader's.
    expect(stored[0]).not.toContain('결과보고서');

    const down = await http.download(h.url(report.id, att.id), { token: w.auditor.token });
    expect(down.status).toBe(200);
    expect(down.bytes.equals(PDF.bytes)).toBe(true);
    expect(utf8FileName(down.headers.get('content-disposition'))).toBe(PDF.name);

    // Refused uploads leave no file behind.
    const wrongType = await h.upload(report.id, { name: '보고서.pdf', bytes: EXE_BYTES }, w.staff);
    expect(wrongType.status).toBe(415);
    await h.setMaxFileMb(w.office, 1);
    const tooLarge = await h.upload(
      report.id,
      { name: '대용량.txt', bytes: Buffer.alloc(Math.round(1.5 * MB), 'a') },
      w.staff,
    );
    expect(tooLarge.status).toBe(413);
    expect(filesIn(dir)).toEqual(stored);
    expect(await h.rowsOf(report.id)).toHaveLength(1);

    // Deleting removes the row and, once committed, the file.
    const gone = await http.delete(h.url(report.id, att.id), { token: w.staff.token });
    expect(gone.status).toBe(204);
    expect(await h.rowsOf(report.id)).toEqual([]);
    expect(await eventually(() => filesIn(dir).length === 0)).toBe(true);
    expect((await http.download(h.url(report.id, att.id), { token: w.staff.token })).status).toBe(
      404,
    );
  });
});
