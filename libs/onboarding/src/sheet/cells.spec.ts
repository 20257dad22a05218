import {
  dateOfCell,
  dateOfSerial,
  parseChoice,
  parseChoices,
  parseDate,
  parseEmail,
  parseInteger,
  parseNumber,
  parseText,
  parseYesNo,
  textOf,
} from './cells.js';
import { ROLE_LABELS } from '@gwaje/identity';

const value = <T>(p: { ok: true; value: T } | { ok: false; code: string }) =>
  p.ok ? p.value : `!${p.code}`;

describe('import cells', () => {
  describe('dates', () => {
    it.each([
      ['2026-03-01', '2026-03-01'],
      ['2026-3-1', '2026-03-01'],
      ['2026. 3. 1.', '2026-03-01'],
      ['2026.03.01', '2026-03-01'],
      ['2026/3/1', '2026-03-01'],
      [' 2026-12-31 ', '2026-12-31'],
      ['2024-02-29', '2024-02-29'],
    ])('reads the text %p as %p', (text, day) => {
      expect(value(parseDate(text))).toBe(day);
    });

    it.each([
      ['2026-02-30', '!date'],
      ['2025-02-29', '!date'],
      ['2026-13-01', '!date'],
      ['31/03/2026', '!date'],
      ['내일', '!date'],
      ['1999-12-31', '!dateRange'],
      ['2101-01-01', '!dateRange'],
    ])('refuses %p (%s)', (text, code) => {
      expect(value(parseDate(text))).toBe(code);
    });

    it('reads an XLSX date cell by the day it shows, not shifted to Seoul', () => {
      // exceljs gives a cell showing 2026-03-01 23:30 as that wall-clock time in UTC; in
      // Asia/Seoul it would already be 2 March.
      expect(value(parseDate(new Date(Date.UTC(2026, 2, 1, 23, 30))))).toBe('2026-03-01');
      expect(value(parseDate(new Date(Date.UTC(2026, 2, 1))))).toBe('2026-03-01');
      expect(dateOfCell(new Date(Date.UTC(2025, 11, 31, 15)))).toBe('2025-12-31');
    });

    it('reads a date serial number (a date cell without a date format), 1900 and 1904 systems', () => {
      expect(dateOfSerial(46082)).toBe('2026-03-01');
      expect(dateOfSerial(46082.9)).toBe('2026-03-01');
      expect(value(parseDate(46082))).toBe('2026-03-01');
      expect(value(parseDate(46082 - 1462, true))).toBe('2026-03-01');
    });

    it('refuses a formula error cell', () => {
      expect(value(parseDate({ error: '#VALUE!' }))).toBe('!formulaError');
    });
  });

  describe('text', () => {
    it('trims, normalises to NFC and drops control characters', () => {
      expect(value(parseText('  복지\u0007정책과 ', 200))).toBe('복지정책과');
      // 한 written as conjoining jamo becomes the precomposed syllable.
      expect(value(parseText('\u1112\u1161\u11ab', 10))).toBe('한');
    });

    it('counts characters, not bytes', () => {
      expect(value(parseText('가'.repeat(200), 200))).toBe('가'.repeat(200));
      expect(value(parseText('가'.repeat(201), 200))).toBe('!maxLength');
    });

    it('refuses a code that Excel turned into a date', () => {
      expect(value(parseText(new Date(Date.UTC(2026, 0, 1)), 20))).toBe('!dateNotText');
    });

    it('reads numbers and booleans as their text', () => {
      expect(textOf(2026)).toBe('2026');
      expect(textOf(true)).toBe('TRUE');
      expect(textOf(null)).toBe('');
    });
  });

  describe('numbers', () => {
    const kpi = { min: -1e6, max: 1e6, decimals: 2 };
    it.each([
      [12, 12],
      ['1,200', 1200],
      ['3.25', 3.25],
      ['-4', -4],
    ])('reads %p as %p', (v, n) => {
      expect(value(parseNumber(v, kpi))).toBe(n);
    });

    it.each([
      ['1.234', '!decimals'],
      ['12개', '!number'],
      [2e6, '!range'],
    ])('refuses %p (%s)', (v, code) => {
      expect(value(parseNumber(v, kpi))).toBe(code);
    });

    it('reads whole numbers only where it must', () => {
      expect(value(parseInteger('2026', 2000, 2100))).toBe(2026);
      expect(value(parseInteger(2026.5, 2000, 2100))).toBe('!integer');
      expect(value(parseInteger(1999, 2000, 2100))).toBe('!range');
    });
  });

  describe('fixed values by Korean label or code', () => {
    it('accepts the label, with or without spaces, and the code in any case', () => {
      for (const v of ['부서장', 'DEPT_HEAD', 'dept_head', ' 부서 장 '])
        expect(value(parseChoice(v, ROLE_LABELS))).toBe('DEPT_HEAD');
      expect(value(parseChoice('부서직원', ROLE_LABELS))).toBe('STAFF');
      expect(value(parseChoice('적극행정 전담부서', ROLE_LABELS))).toBe('PROACTIVE_OFFICE');
      expect(value(parseChoice('과장', ROLE_LABELS))).toBe('!allowedValue');
    });

    it('reads several roles in one cell, separated by commas, semicolons or line breaks', () => {
      expect(value(parseChoices('부서 직원, 부서장', ROLE_LABELS))).toEqual(['STAFF', 'DEPT_HEAD']);
      expect(value(parseChoices('감사담당관;ADMIN\n부서장', ROLE_LABELS))).toEqual([
        'AUDITOR',
        'ADMIN',
        'DEPT_HEAD',
      ]);
      expect(value(parseChoices('STAFF, staff, 부서 직원', ROLE_LABELS))).toEqual(['STAFF']);
      expect(value(parseChoices('부서 직원, 팀장', ROLE_LABELS))).toBe('!allowedValue');
    });

    it('reads 예/아니요 in the usual spellings; blank is 아니요', () => {
      for (const v of ['예', 'Y', 'yes', 'TRUE', '1', 'O', true])
        expect(value(parseYesNo(v))).toBe(true);
      for (const v of ['아니요', '아니오', 'N', 'false', '0', 'X', '', false])
        expect(value(parseYesNo(v))).toBe(false);
      expect(value(parseYesNo('글쎄요'))).toBe('!yesNo');
    });
  });

  it('reads e-mail addresses in lower case, also from a mailto link', () => {
    expect(value(parseEmail(' Minjun.Kim@Nowon.go.kr '))).toBe('minjun.kim@nowon.go.kr');
    expect(value(parseEmail('mailto:a@b.kr'))).toBe('a@b.kr');
    expect(value(parseEmail('김민준'))).toBe('!email');
  });
});
