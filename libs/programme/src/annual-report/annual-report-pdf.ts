import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { ANNUAL_REPORT_STATUS_LABELS, formatFigure } from './annual-report-rules.js';
import type { AnnualReportView } from './annual-report-views.js';

/**
 * Noto Sans KR (SIL Open Font License) from the npm package @expo-google-fonts/noto-sans-kr: a
 * TrueType font that pdfkit (fontkit) embeds as a subset of the glyphs used, with a ToUnicode map,
 * so the PDF prints the same everywhere and its Korean text can be searched and copied.
 */
const FONT_PATH = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
);
let font: Buffer | undefined;
const fontBytes = (): Buffer => (font ??= readFileSync(FONT_PATH));

const seoulDateTime = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Seoul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

/** The printable report: A4, a title block, then one table (항목, 실적) per section. */
export async function renderAnnualReportPdf(report: AnnualReportView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${report.year}년 적극행정 추진실적 - ${report.organisationName}`,
      Author: report.organisationName,
      Subject: '적극행정 추진실적 (Gwaje)',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('ko', fontBytes());
  doc.font('ko');

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const valueWidth = 120;

  doc.fontSize(18).fillColor('#111111').text(`${report.year}년 적극행정 추진실적`, left, doc.y);
  doc.moveDown(0.3);
  doc.fontSize(12).text(report.organisationName);
  doc.moveDown(0.3);
  const status = ANNUAL_REPORT_STATUS_LABELS[report.status];
  const submitted = report.submittedAt
    ? ` · 제출 ${seoulDateTime(report.submittedAt)}${report.submittedBy ? ` (${report.submittedBy.name})` : ''}`
    : '';
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(
      `제${report.version}판 · ${status} · 생성 ${seoulDateTime(report.generatedAt)}` +
        `${report.generatedBy ? ` (${report.generatedBy.name})` : ''}${submitted}`,
    );
  doc.moveDown(1);

  for (const section of report.sections) {
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.fontSize(13).fillColor('#111111').text(section.titleKo, left, doc.y);
    doc.moveDown(0.3);
    let y = doc.y;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.8)
      .strokeColor('#333333')
      .stroke();
    for (const f of section.figures) {
      doc.fontSize(10);
      const labelHeight = doc.heightOfString(f.labelKo, { width: width - valueWidth - 12 });
      const rowHeight = Math.max(labelHeight, 12) + 8;
      if (y + rowHeight > bottom()) {
        doc.addPage();
        y = doc.y;
      }
      doc.fillColor('#111111').text(f.labelKo, left + 4, y + 4, { width: width - valueWidth - 12 });
      doc.text(formatFigure(f.value, f.unit), left + width - valueWidth, y + 4, {
        width: valueWidth - 4,
        align: 'right',
      });
      y += rowHeight;
      doc
        .moveTo(left, y)
        .lineTo(left + width, y)
        .lineWidth(0.3)
        .strokeColor('#aaaaaa')
        .stroke();
    }
    doc.x = left;
    doc.y = y + 16;
  }
  doc
    .fontSize(8)
    .fillColor('#777777')
    .text(
      'Gwaje(과제)가 기관의 기록에서 산출한 수치입니다. 비율은 백분율, 처리기간은 근무일 기준입니다.',
      left,
      doc.y,
      {
        width,
      },
    );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
