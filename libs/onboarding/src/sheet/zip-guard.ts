import { inflateRawSync } from 'node:zlib';

/**
 * A look inside an XLSX file (a ZIP container) before exceljs loads it into memory: a few
 * megabytes of ZIP can inflate to gigabytes ("zip bomb"), and exceljs builds an object per cell.
 * So every entry is inflated here with a ceiling on its real output (the sizes the ZIP declares
 * can lie), and the cells of the worksheets are counted. Anything that is not a plain
 * XLSX (no workbook part, an unknown compression, ZIP64, encrypted entries) is refused.
 */
export interface ZipFacts {
  /** The file is an XLSX workbook: it has [Content_Types].xml and xl/workbook.xml. */
  workbook: boolean;
  /** Bytes of all entries once inflated. */
  inflatedBytes: number;
  /** <c> elements over all worksheets. */
  cells: number;
}

export class ZipRefused extends Error {
  constructor(readonly reason: 'notZip' | 'tooLarge' | 'unsupported') {
    super(`zip refused: ${reason}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

/** Counts `<c ` / `<c>` (cells) in a worksheet's XML without parsing it. */
function countCells(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf('<c'); i >= 0; i = xml.indexOf('<c', i + 2)) {
    const next = xml[i + 2];
    // <c>, <c r=…>, but not <col …> or <cfRule …>
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x09) n++;
  }
  return n;
}

/** Inspects the ZIP in `bytes`; throws ZipRefused once `maxInflated` bytes would be exceeded. */
export function inspectXlsxZip(bytes: Buffer, maxInflated: number): ZipFacts {
  const from = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('notZip');
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw new ZipRefused('unsupported'); // ZIP64: far beyond any import
  if (count > MAX_ENTRIES || cdOffset + cdSize > bytes.length) throw new ZipRefused('notZip');

  const names = new Set<string>();
  let inflated = 0;
  let cells = 0;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL)
      throw new ZipRefused('notZip');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) throw new ZipRefused('unsupported'); // encrypted
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      throw new ZipRefused('notZip');
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (dataStart + compressed > bytes.length) throw new ZipRefused('notZip');
    const data = bytes.subarray(dataStart, dataStart + compressed);
    const budget = maxInflated - inflated;
    let content: Buffer;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(budget, 1) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ZipRefused('tooLarge');
        throw new ZipRefused('notZip');
      }
    } else throw new ZipRefused('unsupported');
    inflated += content.length;
    if (inflated > maxInflated) throw new ZipRefused('tooLarge');
    names.add(name);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) cells += countCells(content);
  }
  return {
    workbook: names.has('[Content_Types].xml') && names.has('xl/workbook.xml'),
    inflatedBytes: inflated,
    cells,
  };
}
