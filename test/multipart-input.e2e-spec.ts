import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestApi } from './support/app.js';
import { businessChecksum, changedTables } from './support/checksum.js';
import { consultationInState, consultationWorld } from './support/consultations.js';
import { activeTaskSince, fillReport, openReport } from './support/reports.js';
import { taskWorld } from './support/tasks.js';

// Issue 18, finding 10: a malformed multipart/form-data body on either attachment upload is a 400
// with a field message (SECURITY.md "Malformed input of any kind … is a 400"), never a 500; an
// extra part is a 400 too, and a second file is refused instead of silently dropped. Nothing is
// stored for any of them.

const B = 'gwajeBoundary7MA4YWxkTrZu0gW';
const CRLF = '\r\n';
const filePart = (name: string, content: string, field = 'file') =>
  `--${B}${CRLF}Content-Disposition: form-data; name="${field}"; filename="${name}"${CRLF}` +
  `Content-Type: text/plain${CRLF}${CRLF}${content}${CRLF}`;
const fieldPart = (name: string, value: string) =>
  `--${B}${CRLF}Content-Disposition: form-data; name="${name}"${CRLF}${CRLF}${value}${CRLF}`;
const end = `--${B}--${CRLF}`;
const TEXT = '2025년 3분기 추진실적\n- 민원 처리기간 단축\n';

/** [case, content-type, body] */
const BAD_BODIES: Array<[string, string, string | Buffer]> = [
  [
    'truncated in the file',
    `multipart/form-data; boundary=${B}`,
    filePart('실적.txt', TEXT).slice(0, -20),
  ],
  [
    'truncated after the file (no closing boundary)',
    `multipart/form-data; boundary=${B}`,
    filePart('실적.txt', TEXT),
  ],
  [
    'truncated in the part headers',
    `multipart/form-data; boundary=${B}`,
    `--${B}${CRLF}Content-Dispo`,
  ],
  [
    'a boundary other than the header names',
    'multipart/form-data; boundary=somethingElse',
    filePart('실적.txt', TEXT) + end,
  ],
  ['no boundary in the header', 'multipart/form-data', filePart('실적.txt', TEXT) + end],
  [
    'an extra field part after the file',
    `multipart/form-data; boundary=${B}`,
    filePart('실적.txt', TEXT) + fieldPart('note', 'x') + end,
  ],
  [
    'a field part before the file',
    `multipart/form-data; boundary=${B}`,
    fieldPart('note', 'x') + filePart('실적.txt', TEXT) + end,
  ],
  [
    'two files',
    `multipart/form-data; boundary=${B}`,
    filePart('실적.txt', TEXT) + filePart('둘째.txt', TEXT) + end,
  ],
  [
    'the file in another field',
    `multipart/form-data; boundary=${B}`,
    filePart('실적.txt', TEXT, 'attachment') + end,
  ],
];

describe('malformed multipart uploads', () => {
  const { http, factory } = useTestApi();

  async function targets() {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await fillReport(
      http,
      w.staff.token,
      await openReport(http, w.staff.token, task.id, '2025-Q1'),
    );
    const cw = await consultationWorld(http, factory);
    const consultation = await consultationInState(http, cw, 'DRAFT');
    return [
      { what: 'report', url: `/api/v1/reports/${report.id}/attachments`, token: w.staff.token },
      {
        what: 'consultation',
        url: `/api/v1/consultations/${consultation.id}/attachments`,
        token: cw.staff.token,
      },
    ];
  }

  it('answers each with 400 VALIDATION_FAILED naming the file, and stores nothing', async () => {
    const uploads = await targets();
    const before = await businessChecksum(factory.db);
    const seen: string[] = [];
    for (const { what, url, token } of uploads) {
      for (const [name, contentType, body] of BAD_BODIES) {
        const res = await fetch(`${http.baseUrl}${url}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': contentType,
            'accept-language': 'en',
          },
          body,
        });
        const json = (await res.json()) as any;
        seen.push(`${what} / ${name}: ${res.status} ${json.code} ${json.details?.[0]?.field}`);
        if (res.status === 400)
          expect(json).toMatchObject({ statusCode: 400, requestId: expect.any(String) });
      }
    }
    expect(seen).toEqual(
      uploads.flatMap(({ what }) =>
        BAD_BODIES.map(([name]) => `${what} / ${name}: 400 VALIDATION_FAILED file`),
      ),
    );
    expect(changedTables(before, await businessChecksum(factory.db))).toEqual([]);
  });

  it('still takes one well-formed file', async () => {
    const [report, consultation] = await targets();
    for (const { url, token } of [report, consultation]) {
      const res = await fetch(`${http.baseUrl}${url}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${B}`,
        },
        body: filePart('실적.txt', TEXT) + end,
      });
      expect(res.status).toBe(201);
    }
  });
});

describe('malformed multipart uploads, stored in a directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gwaje-multipart-'));
  const { http, factory } = useTestApi({ ATTACHMENTS_STORAGE: 'directory', ATTACHMENTS_DIR: dir });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Every file under the directory (staged `.part` files included). */
  const filesIn = (): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);

  it('leaves no staged file behind for any of them, and streams a good one into place', async () => {
    const w = await taskWorld(http, factory);
    const task = await activeTaskSince(w, factory, '2025-01-01');
    const report = await openReport(http, w.staff.token, task.id, '2025-Q1');
    const url = `${http.baseUrl}/api/v1/reports/${report.id}/attachments`;
    const post = (contentType: string, body: string) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.staff.token}`, 'content-type': contentType },
        body,
      });
    for (const [name, contentType, body] of BAD_BODIES) {
      const res = await post(contentType, body as string);
      expect([name, res.status]).toEqual([name, 400]);
    }
    expect(filesIn()).toEqual([]);
    const ok = await post(`multipart/form-data; boundary=${B}`, filePart('실적.txt', TEXT) + end);
    expect(ok.status).toBe(201);
    const files = filesIn();
    expect(files).toHaveLength(1);
    expect(files[0]).not.toMatch(/\.part$/);
  });
});
