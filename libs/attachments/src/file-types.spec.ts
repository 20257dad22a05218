import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { acceptedMediaType, cleanFileName, extensionOf, Utf8TextCheck } from './file-types.js';

const PDF = 'application/pdf';
const HWP = 'application/x-hwp';
const HWPX = 'application/hwp+zip';
const DOC = 'application/msword';
const XLS = 'application/vnd.ms-excel';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PNG = 'image/png';
const ZIP = 'application/zip';
const TXT = 'text/plain; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';

// ---- sample contents, built from bytes --------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid 1×1 greyscale PNG: signature, IHDR, IDAT, IEND. */
function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: greyscale
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0x00, 0xff]))), // filter byte 0, one white pixel
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The header of an OLE compound file (HWP 5, .doc, .xls), padded with zeros to 2048 bytes. */
function cfb(): Buffer {
  const bytes = Buffer.alloc(2048);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes);
  return bytes;
}

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n' +
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n' +
    '%%EOF\n',
  'latin1',
);

const KOREAN_TEXT = Buffer.from(
  '적극행정 중점과제 2025년 3분기 이행실적 보고\n담당: 기획예산과\n',
  'utf8',
);
const KOREAN_CSV = Buffer.from(
  '과제코드,과제명,진행률\n2025-07,당현천 음악분수 개선,60\n2025-08,"카카오톡 체납안내, 서비스",100\n',
  'utf8',
);

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('이행실적');
  sheet.addRow(['과제코드', '과제명', '진행률']);
  sheet.addRow(['2025-07', '당현천 음악분수 개선', 60]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function zip(files: Record<string, string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Shaped like a real HWPX: a stored `mimetype` entry first, then the OWPML parts. */
async function hwpx(): Promise<Buffer> {
  const z = new JSZip();
  z.file('mimetype', 'application/hwp+zip', { compression: 'STORE' });
  z.file('version.xml', '<?xml version="1.0" encoding="UTF-8"?><hv:HCFVersion/>');
  z.file('Contents/content.hpf', '<?xml version="1.0" encoding="UTF-8"?><opf:package/>');
  z.file('Contents/section0.xml', '<?xml version="1.0" encoding="UTF-8"?><hs:sec/>');
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The start of a Windows executable: 'MZ' and a DOS header. */
const EXECUTABLE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(126, 0x90)]);

// ---- extensionOf -------------------------------------------------------------------------------

describe('extensionOf', () => {
  it.each([
    ['보고서.hwp', 'hwp'],
    ['report.PDF', 'pdf'],
    ['Data.XlSx', 'xlsx'],
    ['archive.tar.gz', 'gz'],
    ['2025-Q3 이행실적 (최종).v2.docx', 'docx'],
    ['noextension', ''],
    ['.bashrc', ''],
    ['', ''],
    ['name.', ''],
  ])('%j → %j', (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
});

// ---- cleanFileName -----------------------------------------------------------------------------

describe('cleanFileName', () => {
  it('keeps an ordinary Korean name as it is', () => {
    expect(cleanFileName('2025년 3분기 이행실적 보고서.hwp')).toBe(
      '2025년 3분기 이행실적 보고서.hwp',
    );
  });

  it('strips POSIX directories, including ../ traversal', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('/var/tmp/보고서.pdf')).toBe('보고서.pdf');
  });

  it('strips Windows paths', () => {
    expect(cleanFileName('C:\\x\\보고서.hwp')).toBe('보고서.hwp');
    expect(cleanFileName('..\\..\\Windows\\system.ini')).toBe('system.ini');
    expect(cleanFileName('C:\\Users\\홍길동/Desktop\\mixed.txt')).toBe('mixed.txt');
  });

  it('removes control characters', () => {
    expect(cleanFileName('a\u0000b\u0001c\u001f\u007f.txt')).toBe('abc.txt');
    expect(cleanFileName('보고\r\n서\t.pdf')).toBe('보고서.pdf');
  });

  it('removes the reserved characters <>:"|?*', () => {
    expect(cleanFileName('a<b>c:d"e|f?g*h.pdf')).toBe('abcdefgh.pdf');
  });

  it('trims surrounding white space', () => {
    expect(cleanFileName('  보고서.pdf  ')).toBe('보고서.pdf');
  });

  it('NFC-normalises decomposed Hangul (as macOS sends it)', () => {
    const nfd = '보고서.hwp'.normalize('NFD');
    expect(nfd).not.toBe('보고서.hwp');
    expect(nfd.length).toBeGreaterThan('보고서.hwp'.length);
    const cleaned = cleanFileName(nfd);
    expect(cleaned).toBe('보고서.hwp');
    expect(cleaned.length).toBe(7);
  });

  it('keeps a name of exactly 255 characters', () => {
    const name = `${'a'.repeat(251)}.pdf`;
    expect(cleanFileName(name)).toBe(name);
  });

  it('truncates a 300-character name to 255, keeping the extension', () => {
    const name = `${'가'.repeat(295)}.hwpx`;
    expect(name).toHaveLength(300);
    const cleaned = cleanFileName(name);
    expect(cleaned).toHaveLength(255);
    expect(cleaned).toBe(`${'가'.repeat(250)}.hwpx`);
    expect(extensionOf(cleaned)).toBe('hwpx');
  });

  it('truncates a long name without an extension to 255', () => {
    expect(cleanFileName('b'.repeat(300))).toBe('b'.repeat(255));
  });

  it('measures the length after normalising (decomposed Hangul is not cut short)', () => {
    const nfd = `${'가'.repeat(200)}.hwp`.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(255);
    expect(cleanFileName(nfd)).toBe(`${'가'.repeat(200)}.hwp`);
  });
});

// ---- acceptedMediaType -------------------------------------------------------------------------

describe('acceptedMediaType: plain text', () => {
  it('accepts UTF-8 Korean text as .txt and .csv', async () => {
    await expect(acceptedMediaType('메모.txt', KOREAN_TEXT)).resolves.toBe(TXT);
    await expect(acceptedMediaType('실적.csv', KOREAN_CSV)).resolves.toBe(CSV);
  });

  it('matches the extension case-insensitively', async () => {
    await expect(acceptedMediaType('메모.TXT', KOREAN_TEXT)).resolves.toBe(TXT);
  });

  it('refuses text containing a NUL byte', async () => {
    const withNul = Buffer.concat([KOREAN_TEXT, Buffer.from([0x00]), KOREAN_TEXT]);
    await expect(acceptedMediaType('메모.txt', withNul)).resolves.toBeNull();
    await expect(acceptedMediaType('실적.csv', withNul)).resolves.toBeNull();
  });

  it('refuses invalid UTF-8', async () => {
    // EUC-KR "한글" (B7 D1 B1 DB) and a truncated UTF-8 sequence are not valid UTF-8.
    const eucKr = Buffer.from([0x61, 0x2c, 0xc7, 0xd1, 0xb1, 0xdb, 0x0a]);
    const truncated = Buffer.from([0x61, 0x62, 0xed, 0x95]);
    await expect(acceptedMediaType('메모.txt', eucKr)).resolves.toBeNull();
    await expect(acceptedMediaType('실적.csv', eucKr)).resolves.toBeNull();
    await expect(acceptedMediaType('메모.txt', truncated)).resolves.toBeNull();
  });

  it('refuses a PDF renamed to .txt', async () => {
    await expect(acceptedMediaType('메모.txt', MINIMAL_PDF)).resolves.toBeNull();
  });
});

describe('acceptedMediaType: signatures', () => {
  it('accepts a minimal PDF as .pdf', async () => {
    await expect(acceptedMediaType('보고서.pdf', MINIMAL_PDF)).resolves.toBe(PDF);
  });

  it('accepts a 1×1 PNG as .png and refuses it as .pdf', async () => {
    const png = tinyPng();
    await expect(acceptedMediaType('사진.png', png)).resolves.toBe(PNG);
    await expect(acceptedMediaType('사진.pdf', png)).resolves.toBeNull();
    await expect(acceptedMediaType('사진.jpg', png)).resolves.toBeNull();
  });

  it.each([
    ['보고서.hwp', HWP],
    ['보고서.doc', DOC],
    ['실적.xls', XLS],
  ])('accepts a compound file (CFB) as %s', async (name, mediaType) => {
    await expect(acceptedMediaType(name, cfb())).resolves.toBe(mediaType);
  });

  it('refuses a compound file as .pdf', async () => {
    await expect(acceptedMediaType('보고서.pdf', cfb())).resolves.toBeNull();
  });

  it('accepts an xlsx written by exceljs as .xlsx and refuses it as .docx', async () => {
    const bytes = await xlsx();
    await expect(acceptedMediaType('실적.xlsx', bytes)).resolves.toBe(XLSX);
    await expect(acceptedMediaType('실적.docx', bytes)).resolves.toBeNull();
  });

  it('accepts a zip as .hwpx and .zip', async () => {
    const bytes = await zip({ 'a.txt': '적극행정', 'dir/b.txt': 'second' });
    await expect(acceptedMediaType('보고서.hwpx', bytes)).resolves.toBe(HWPX);
    await expect(acceptedMediaType('자료.zip', bytes)).resolves.toBe(ZIP);
  });

  it('accepts an HWPX-shaped container (mimetype entry first) as .hwpx', async () => {
    await expect(acceptedMediaType('보고서.hwpx', await hwpx())).resolves.toBe(HWPX);
  });

  it('refuses a zip as .pdf or .hwp', async () => {
    const bytes = await zip({ 'a.txt': 'x' });
    await expect(acceptedMediaType('보고서.pdf', bytes)).resolves.toBeNull();
    await expect(acceptedMediaType('보고서.hwp', bytes)).resolves.toBeNull();
  });
});

describe('acceptedMediaType: refusals', () => {
  it.each(['악성.pdf', '악성.txt', '악성.hwp', '악성.zip'])(
    'refuses executable (MZ) bytes as %s',
    async (name) => {
      await expect(acceptedMediaType(name, EXECUTABLE)).resolves.toBeNull();
    },
  );

  it('refuses MZ bytes followed by plain text as .txt', async () => {
    const sneaky = Buffer.from('MZ this looks like text\n', 'utf8');
    await expect(acceptedMediaType('notes.txt', sneaky)).resolves.toBeNull();
  });

  it.each(['setup.exe', 'script.js', 'page.html', 'run.bat', 'image.svg'])(
    'refuses the extension of %s, whatever the content',
    async (name) => {
      await expect(acceptedMediaType(name, KOREAN_TEXT)).resolves.toBeNull();
      await expect(acceptedMediaType(name, MINIMAL_PDF)).resolves.toBeNull();
    },
  );

  it.each(['보고서', 'README', '.pdf', 'name.'])(
    'refuses a name without an extension (%j)',
    async (name) => {
      await expect(acceptedMediaType(name, MINIMAL_PDF)).resolves.toBeNull();
      await expect(acceptedMediaType(name, KOREAN_TEXT)).resolves.toBeNull();
    },
  );

  it('refuses an empty file with an allowed signature-bearing extension', async () => {
    await expect(acceptedMediaType('보고서.pdf', Buffer.alloc(0))).resolves.toBeNull();
    await expect(acceptedMediaType('보고서.hwp', Buffer.alloc(0))).resolves.toBeNull();
  });
});

describe('Utf8TextCheck (text streamed to disk, checked chunk by chunk)', () => {
  const check = (...chunks: Buffer[]) => {
    const t = new Utf8TextCheck();
    for (const c of chunks) t.update(c);
    return t.result();
  };
  const korean = Buffer.from('추진실적 보고', 'utf8');

  it('accepts UTF-8 split anywhere, even inside a character', () => {
    for (let i = 0; i <= korean.length; i++)
      expect(check(korean.subarray(0, i), korean.subarray(i))).toBe(true);
  });

  it('refuses invalid UTF-8, a NUL byte, or a character cut off at the end', () => {
    expect(check(Buffer.from('ok'), Buffer.from([0xff, 0xfe]))).toBe(false);
    expect(check(Buffer.from('a\u0000b'))).toBe(false);
    expect(check(korean.subarray(0, 2))).toBe(false);
  });

  it('gives the whole-file verdict with the head alone for detection', async () => {
    const head = Buffer.from('가'.repeat(100), 'utf8');
    await expect(acceptedMediaType('메모.txt', head, true)).resolves.toBe(
      'text/plain; charset=utf-8',
    );
    await expect(acceptedMediaType('메모.txt', head, false)).resolves.toBeNull();
  });
});
