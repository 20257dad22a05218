import type { AnnualFigure } from '@gwaje/annual-figures';
import type { AnnualReportRow, OrganisationReportRow } from './annual-report-query.js';
import type { AnnualReportAction, AnnualReportStatus } from './annual-report-rules.js';

/** One section of a generated report, as it was registered and computed when generated. */
export interface AnnualReportSection {
  name: string;
  titleKo: string;
  titleEn: string;
  figures: AnnualFigure[];
}

export interface PersonRef {
  id: string;
  name: string;
}

/** A version of the organisation's report without its figures (the list of versions). */
export interface AnnualReportSummary {
  id: string;
  organisationId: string;
  organisationName: string;
  year: number;
  /** 1, 2, … : each generation stores the next version. */
  version: number;
  latestVersion: number;
  status: AnnualReportStatus;
  generatedAt: Date;
  generatedBy: PersonRef | null;
  submittedAt: Date | null;
  submittedBy: PersonRef | null;
}

export interface AnnualReportView extends AnnualReportSummary {
  sections: AnnualReportSection[];
  allowedActions: AnnualReportAction[];
}

/** One organisation of a side-by-side view: the latest report's figures (null: none generated). */
export interface OrganisationAnnualReport {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  parentId: string | null;
  /** 0: the caller's organisation; 1: directly below it; … */
  depth: number;
  report: {
    version: number;
    status: AnnualReportStatus;
    generatedAt: Date;
    submittedAt: Date | null;
    sections: AnnualReportSection[];
  } | null;
}

const person = (id: string | null, name: string | null): PersonRef | null =>
  id === null ? null : { id, name: name ?? '' };

export function annualReportSummary(r: AnnualReportRow): AnnualReportSummary {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    year: r.year,
    version: r.version,
    latestVersion: r.latest_version,
    status: r.status,
    generatedAt: r.generated_at,
    generatedBy: person(r.generated_by, r.generated_by_name),
    submittedAt: r.submitted_at,
    submittedBy: person(r.submitted_by, r.submitted_by_name),
  };
}

export function annualReportView(
  r: AnnualReportRow,
  allowedActions: AnnualReportAction[],
): AnnualReportView {
  return { ...annualReportSummary(r), sections: r.figures.sections, allowedActions };
}

export function organisationAnnualReport(r: OrganisationReportRow): OrganisationAnnualReport {
  return {
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    parentId: r.parent_id,
    depth: r.depth,
    report:
      r.version === null || r.status === null || r.generated_at === null || r.figures === null
        ? null
        : {
            version: r.version,
            status: r.status,
            generatedAt: r.generated_at,
            submittedAt: r.submitted_at,
            sections: r.figures.sections,
          },
  };
}
