import type { EntityManager } from 'typeorm';

/** What a section's computation is given: the organisation and the calendar year reported. */
export interface AnnualFiguresInput {
  organisationId: string;
  year: number;
}

/** One figure of the annual 적극행정 추진실적 report, labelled in Korean and English. */
export interface AnnualFigure {
  /** Stable key within its section (letters, digits), e.g. `completed`. */
  key: string;
  labelKo: string;
  labelEn: string;
  /** A count, an amount, a share (0–1) or a duration; null when it cannot be computed. */
  value: number | null;
  /** How the value reads: a count (건/명), a share (비율, 0–1), days, hours or won. */
  unit: 'COUNT' | 'PEOPLE' | 'SHARE' | 'DAYS' | 'HOURS' | 'WON';
}

/**
 * The annual report's section port (ARCHITECTURE.md "Ports, not reach-ins"): each capability
 * registers the figures 행정안전부 / 인사혁신처 ask of it, computed by its own queries, so the
 * annual report (libs/programme) names no other context's tables or states.
 */
export interface AnnualFiguresSection {
  /** Key of the section (letters and digits), e.g. `tasks`. */
  name: string;
  /** Position in the report (ascending). */
  order: number;
  titleKo: string;
  titleEn: string;
  /** Computed inside the report's REPEATABLE READ transaction with its manager (never the pool). */
  compute(m: EntityManager, input: AnnualFiguresInput): Promise<AnnualFigure[]>;
}

const sections = new Map<string, AnnualFiguresSection>();

/** Registers (or replaces) a section under its name; idempotent. */
export function registerAnnualFigures(section: AnnualFiguresSection): void {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(section.name)) {
    throw new Error(`annual figures section name must be letters and digits: ${section.name}`);
  }
  sections.set(section.name, section);
}

/** The registered sections in report order. */
export function annualFiguresSections(): readonly AnnualFiguresSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}
