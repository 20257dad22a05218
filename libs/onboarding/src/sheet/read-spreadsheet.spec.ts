import { DomainError } from '@gwaje/common';
import JSZip from 'jszip';
import { csv, uploadOf, xlsx } from '../testing/upload.js';
import { readSpreadsheet } from './read-spreadsheet.js';

const LIMITS = { maxBytes: 1024 * 1024, maxRows: 100 };

/** The DomainError a promise rejects with (fails the test when it resolves). */
async function refusal(pending: Promise<unknown>): Promise<DomainError> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** EUC-KR bytes of `text`, from the decoder's own table (Node has no EUC-KR encoder). */
function eucKr(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('euc-kr');
  for (let lead = 0xb0; lead <= 0xc8; lead++)
    for (let trail = 0xa1; trail <= 0xfe; trail++)
      table.set(decoder.decode(Uint8Array.from([lead, trail])), [lead, trail]);
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}

describe('readSpreadsheet', () => {
  describe('CSV', () => {
    it('reads UTF-8 with a BOM, keeping the spreadsheet row numbers', async () => {
      const file = await readSpreadsheet(
        uploadOf(
          csv([
            ['부서명', '종류'],
            ['복지정책과', '과'],
            ['', ''],
            ['감사담당관', '담당관'],
          ]),
        ),
        LIMITS,
      );
      expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8' });
      expect(file.sheets).toEqual([
        {
          name: null,
          rows: [
            { row: 1, cells: ['부서명', '종류'] },
            { row: 2, cells: ['복지정책과', '과'] },
            { row: 4, cells: ['감사담당관', '담당관'] },
          ],
        },
      ]);
    });

    it('reads UTF-8 without a BOM, and a quoted cell over two lines as one row', async () => {
      const file = await readSpreadsheet(
        uploadOf(
          csv(
            [
              ['과제명', '개요'],
              ['통학로', '첫 줄\n둘째 줄'],
              ['분수', ''],
            ],
            false,
          ),
          'a.csv',
          7,
        ),
        LIMITS,
      );
      expect(file.sheets[0].rows.map((r) => [r.row, r.cells[1]])).toEqual([
        [1, '개요'],
        [2, '첫 줄\n둘째 줄'],
        [3, ''],
      ]);
    });

    it('reads EUC-KR (CP949), as older Excel saves CSV in Korean Windows', async () => {
      const bytes = eucKr('부서명,종류\r\n복지정책과,과\r\n');
      const file = await readSpreadsheet(uploadOf(bytes, 'old.csv', 5), LIMITS);
      expect(file.encoding).toBe('euc-kr');
      expect(file.sheets[0].rows[1].cells).toEqual(['복지정책과', '과']);
    });

    it('reads tab- or semicolon-separated text too', async () => {
      const tsv = Buffer.from('부서명\t종류\n복지정책과\t과\n');
      expect((await readSpreadsheet(uploadOf(tsv), LIMITS)).sheets[0].rows[1].cells).toEqual([
        '복지정책과',
        '과',
      ]);
      const semi = Buffer.from('부서명;종류\n복지정책과;과\n');
      expect((await readSpreadsheet(uploadOf(semi), LIMITS)).sheets[0].rows[1].cells).toEqual([
        '복지정책과',
        '과',
      ]);
    });

    it('refuses a quote that never closes, naming the row', async () => {
      const e = await refusal(
        readSpreadsheet(uploadOf(Buffer.from('부서명,종류\n"복지정책과,과\n')), LIMITS),
      );
      expect(e.code).toBe('IMPORT_INVALID');
      expect(e.extra.rowErrors).toEqual([expect.objectContaining({ code: 'csvSyntax' })]);
    });

    it('refuses text that stops being UTF-8 after the part the type was decided on', async () => {
      const bytes = Buffer.concat([
        Buffer.from(`부서명,종류\n${'복지정책과,과\n'.repeat(4000)}`),
        Buffer.from([0xff, 0xfe, 0x0a]),
      ]);
      const e = await refusal(
        readSpreadsheet(uploadOf(bytes, 'x.csv', 4096), { ...LIMITS, maxRows: 10_000 }),
      );
      expect(e.code).toBe('IMPORT_INVALID');
      expect(e.extra.rowErrors).toEqual([expect.objectContaining({ code: 'encoding' })]);
    });

    it('refuses more rows than the limit (with room for a title and the header)', async () => {
      const rows = [['부서명', '종류'], ...Array.from({ length: 200 }, (_, i) => [`과${i}`, '과'])];
      const e = await refusal(readSpreadsheet(uploadOf(csv(rows)), LIMITS));
      expect(e.code).toBe('IMPORT_INVALID');
      expect(e.extra.rowErrors).toEqual([expect.objectContaining({ code: 'maxRows' })]);
    });
  });

  describe('what is not a spreadsheet, whatever its name', () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
        '1f15c4890000000a49444154789c6300010000050001',
      'hex',
    );
    it.each([
      ['a PNG named .xlsx', png, 'sheet.xlsx'],
      ['a PDF named .csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'list.csv'],
      ['bytes without a signature', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10, 0x00]), 'x.csv'],
      ['an old XLS (OLE) file', Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(600), 'hex'), 'x.xls'],
    ])('%s is a 415', async (_what, bytes, name) => {
      const e = await refusal(readSpreadsheet(uploadOf(bytes, name), LIMITS));
      expect(e.code).toBe('UNSUPPORTED_FILE_TYPE');
      expect(e.details).toEqual([expect.objectContaining({ field: 'file', code: 'spreadsheet' })]);
    });

    it('a ZIP that is no workbook (a renamed archive) is a 415', async () => {
      const zip = new JSZip();
      zip.file('readme.txt', '안녕하세요');
      const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      const e = await refusal(readSpreadsheet(uploadOf(bytes, 'tasks.xlsx'), LIMITS));
      expect(e.code).toBe('UNSUPPORTED_FILE_TYPE');
    });

    it('an empty file is a 400 naming the file', async () => {
      const e = await refusal(readSpreadsheet(uploadOf(Buffer.alloc(0)), LIMITS));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.details).toEqual([expect.objectContaining({ field: 'file', code: 'notEmpty' })]);
    });
  });

  describe('size', () => {
    it('a file over the limit is a 413, read to its end so the client gets the answer', async () => {
      let sent = 0;
      const bytes = csv([
        ['부서명', '종류'],
        ...Array.from({ length: 30 }, () => ['가'.repeat(40), '과']),
      ]);
      async function* content() {
        for (let i = 0; i < bytes.length; i += 100) {
          sent += 1;
          yield await Promise.resolve(bytes.subarray(i, i + 100));
        }
      }
      const e = await refusal(
        readSpreadsheet(
          { fileName: 'big.csv', content: content() },
          { maxBytes: 1000, maxRows: 100 },
        ),
      );
      expect(e.code).toBe('PAYLOAD_TOO_LARGE');
      expect(e.extra).toEqual({ maxBytes: 1000 });
      expect(sent).toBe(Math.ceil(bytes.length / 100));
    });

    it('a file the HTTP layer cut at its own ceiling is a 413', async () => {
      const upload = { ...uploadOf(csv([['부서명'], ['과']])), truncated: () => true };
      expect((await refusal(readSpreadsheet(upload, LIMITS))).code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('XLSX', () => {
    it('reads every data sheet by name, leaving the guide sheet out, with typed cells', async () => {
      const bytes = await xlsx({
        중점과제: [
          ['과제번호', '연도', '시작일'],
          ['2026-01', 2026, new Date(Date.UTC(2026, 2, 2))],
        ],
        '단계별 계획': [['과제번호', '단계명'], [], ['2026-01', '현장 진단']],
        '작성 안내': [['열', '설명']],
      });
      const file = await readSpreadsheet(uploadOf(bytes, 'tasks.csv'), LIMITS);
      expect(file.format).toBe('xlsx');
      expect(file.sheets.map((s) => s.name)).toEqual(['중점과제', '단계별 계획']);
      expect(file.sheets[0].rows[1]).toEqual({
        row: 2,
        cells: ['2026-01', 2026, new Date(Date.UTC(2026, 2, 2))],
      });
      expect(file.sheets[1].rows.map((r) => r.row)).toEqual([1, 3]);
    });

    it('reads hyperlinks, rich text and formula results as their values', async () => {
      const bytes = await xlsx({
        사용자: [
          ['이메일', '이름', '수'],
          [
            { text: 'a@b.kr', hyperlink: 'mailto:a@b.kr' },
            { richText: [{ text: '김' }, { text: '민준' }] },
            { formula: '1+1', result: 2 },
          ],
        ],
      });
      const file = await readSpreadsheet(uploadOf(bytes, 'u.xlsx'), LIMITS);
      expect(file.sheets[0].rows[1].cells).toEqual(['a@b.kr', '김민준', 2]);
    });

    it('refuses a ZIP bomb before exceljs inflates it (413)', async () => {
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<Types/>');
      zip.file('xl/workbook.xml', '<workbook/>');
      zip.file('xl/worksheets/sheet1.xml', ' '.repeat(25 * 1024 * 1024));
      const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      expect(bytes.length).toBeLessThan(200 * 1024);
      const e = await refusal(readSpreadsheet(uploadOf(bytes, 'bomb.xlsx', 65536), LIMITS));
      expect(e.code).toBe('PAYLOAD_TOO_LARGE');
      expect(e.details).toEqual([expect.objectContaining({ code: 'maxInflatedSize' })]);
    });

    it('refuses a sheet with far more cells than the row limit allows, unread', async () => {
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<Types/>');
      zip.file('xl/workbook.xml', '<workbook/>');
      zip.file(
        'xl/worksheets/sheet1.xml',
        `<sheetData><row>${'<c t="n"><v>1</v></c>'.repeat(12_000)}</row></sheetData>`,
      );
      const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      const e = await refusal(readSpreadsheet(uploadOf(bytes, 'cells.xlsx'), LIMITS));
      expect(e.code).toBe('IMPORT_INVALID');
      expect(e.extra.rowErrors).toEqual([expect.objectContaining({ code: 'maxCells' })]);
    });

    it('refuses more non-empty rows than the limit', async () => {
      const rows = [['부서명', '종류'], ...Array.from({ length: 150 }, (_, i) => [`과${i}`, '과'])];
      const e = await refusal(
        readSpreadsheet(uploadOf(await xlsx({ 부서: rows }), 'd.xlsx'), LIMITS),
      );
      expect(e.extra.rowErrors).toEqual([
        expect.objectContaining({ code: 'maxRows', sheet: '부서', row: 111 }),
      ]);
    });
  });

  it('does not trust the sizes a ZIP declares: a bomb that claims to be small is still caught', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(25 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // Every local and central header says the entry inflates to 100 bytes.
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const sig = bytes.readUInt32LE(i);
      if (sig === 0x04034b50) bytes.writeUInt32LE(100, i + 22);
      if (sig === 0x02014b50) bytes.writeUInt32LE(100, i + 24);
    }
    const e = await refusal(readSpreadsheet(uploadOf(bytes, 'liar.xlsx', 65536), LIMITS));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
