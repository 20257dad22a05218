// /annual-reports?year=&version= — the year's 적극행정 추진실적: the report's figures by section in
// tables with Korean labels (English in English), its versions, generate and submit for the office
// (as allowedActions permit), XLSX and PDF downloads, and the subordinate organisations' latest
// figures side by side for a parent organisation. Read by PROACTIVE_OFFICE, AUDITOR and ADMIN.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, call, download, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Badge,
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDateTime, formatPercent, formatWon } from '../../format';
import { currentLanguage, useTranslation } from '../../i18n';
import { YearFilter, yearParam } from './shared';

type Section = Schemas['AnnualReportSectionDto'];
type Figure = Schemas['AnnualFigureDto'];
type Status = Schemas['AnnualReportDto']['status'];

export default function AnnualReportsPage() {
  const { t } = useTranslation('programme');
  const { hasRole } = useAuth();
  const queryClient = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const year = yearParam(sp);
  const version = Number(sp.get('version')) || undefined;
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const versions = useQuery({
    queryKey: ['annual-reports', year, 'versions'],
    queryFn: () =>
      call(api.GET('/api/v1/annual-reports/{year}/versions', { params: { path: { year } } })),
  });
  const hasReport = (versions.data?.length ?? 0) > 0;
  const report = useQuery({
    queryKey: ['annual-reports', year, 'report', version ?? 'latest'],
    queryFn: () =>
      call(
        api.GET('/api/v1/annual-reports/{year}', {
          params: { path: { year }, query: version ? { version } : {} },
        }),
      ),
    enabled: hasReport,
  });
  const subordinates = useQuery({
    queryKey: ['annual-reports', year, 'subordinates'],
    queryFn: () =>
      call(
        api.GET('/api/v1/annual-reports', {
          params: { query: { year, scope: 'subordinates' } },
        }),
      ),
  });
  const isOffice = hasRole('PROACTIVE_OFFICE');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['annual-reports', year] });

  const act = async (what: 'generate' | 'submit') => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      if (what === 'generate') {
        const created = await call(api.POST('/api/v1/annual-reports', { body: { year } }));
        setSp({ year: String(year) });
        setNotice(t('annual.generated', { year, version: created.version }));
      } else {
        const latest = versions.data?.[0]?.latestVersion ?? report.data?.latestVersion ?? 1;
        const submitted = await call(
          api.POST('/api/v1/annual-reports/{year}/submit', {
            params: { path: { year } },
            body: { version: latest },
          }),
        );
        setNotice(t('annual.submitted', { year, version: submitted.version }));
      }
      await refresh();
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  };

  const fetchFile = async (kind: 'xlsx' | 'pdf') => {
    setProblem(null);
    try {
      await download(
        `/api/v1/annual-reports/${year}/export.${kind}${version ? `?version=${version}` : ''}`,
        `annual-report-${year}.${kind}`,
      );
    } catch (err) {
      setProblem(err);
    }
  };

  const r = report.data;
  const canGenerate = isOffice && (r ? r.allowedActions.includes('generate') : true);
  const canSubmit = isOffice && !!r && r.allowedActions.includes('submit');

  return (
    <>
      <PageHeader
        title={t('annual.title')}
        crumbs={[{ label: t('annual.title') }]}
        description={t('annual.description')}
        actions={
          isOffice && (canGenerate || canSubmit) ? (
            <>
              {canGenerate && versions.data && (
                <button
                  type="button"
                  className="krds-btn primary"
                  disabled={busy}
                  onClick={() => void act('generate')}
                >
                  {hasReport ? t('annual.regenerate') : t('annual.generate')}
                </button>
              )}
              {canSubmit && (
                <button
                  type="button"
                  className="krds-btn secondary"
                  disabled={busy}
                  title={t('annual.submitConfirm', { version: r.latestVersion })}
                  onClick={() => void act('submit')}
                >
                  {t('annual.submit')}
                </button>
              )}
            </>
          ) : undefined
        }
      />
      {notice && <Notice>{notice}</Notice>}
      {problem !== null && <ErrorState error={problem} />}
      <YearFilter
        key={year}
        year={year}
        label={t('common.year')}
        onApply={(y) => setSp({ year: String(y) })}
      />
      {versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : !hasReport ? (
        <Empty>{t('annual.none')}</Empty>
      ) : report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <section className="gw-section" aria-labelledby="ar-overview">
            <h2 id="ar-overview">
              {t('annual.title')} · {t('common.yearValue', { year })}
            </h2>
            <Facts
              items={[
                [t('annual.facts.organisation'), report.data.organisationName],
                [
                  t('annual.facts.version'),
                  t('annual.facts.versionValue', {
                    version: report.data.version,
                    latest: report.data.latestVersion,
                  }),
                ],
                [t('annual.facts.status'), <StatusBadge key="s" status={report.data.status} />],
                [t('annual.facts.generatedAt'), formatDateTime(report.data.generatedAt)],
                [t('annual.facts.generatedBy'), report.data.generatedBy?.name ?? '–'],
                ...(report.data.submittedAt
                  ? [
                      [t('annual.facts.submittedAt'), formatDateTime(report.data.submittedAt)] as [
                        string,
                        string,
                      ],
                      [t('annual.facts.submittedBy'), report.data.submittedBy?.name ?? '–'] as [
                        string,
                        string,
                      ],
                    ]
                  : []),
              ]}
            />
            <h3>{t('annual.downloads')}</h3>
            <div className="gw-pg-actions">
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => void fetchFile('xlsx')}
              >
                {t('annual.xlsx')}
              </button>
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => void fetchFile('pdf')}
              >
                {t('annual.pdf')}
              </button>
            </div>
          </section>
          {report.data.sections.map((s) => (
            <SectionTable key={s.name} section={s} />
          ))}
          <section className="gw-section" aria-labelledby="ar-versions">
            <h2 id="ar-versions">{t('annual.versions')}</h2>
            <Table
              caption={t('annual.versionsCaption', { year })}
              head={[
                t('annual.col.version'),
                t('annual.col.status'),
                t('annual.col.generatedAt'),
                t('annual.col.submittedAt'),
                t('annual.col.open'),
              ]}
            >
              {versions.data.map((v) => (
                <tr key={v.id}>
                  <td className="gw-pg-num">{v.version}</td>
                  <td>
                    <StatusBadge status={v.status} />
                  </td>
                  <td>{formatDateTime(v.generatedAt)}</td>
                  <td>{v.submittedAt ? formatDateTime(v.submittedAt) : '–'}</td>
                  <td>
                    {v.version === report.data.version ? (
                      '–'
                    ) : (
                      <Link to={`/annual-reports?year=${year}&version=${v.version}`}>
                        {t('annual.showVersion', { version: v.version })}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          </section>
        </>
      )}
      <Subordinates year={year} query={subordinates} />
    </>
  );
}

function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation('programme');
  return (
    <Badge tone={status === 'SUBMITTED' ? 'success' : 'info'}>{t(`annual.status.${status}`)}</Badge>
  );
}

/** A figure's value in its unit: 12건, 3명, 45.5%, 6.2일, 2시간, 200,000원; – when unknown. */
function useFigureValue() {
  const { t } = useTranslation('programme');
  return (f: Pick<Figure, 'value' | 'unit'>): string => {
    if (f.value === null) return '–';
    const value =
      f.unit === 'SHARE'
        ? formatPercent(f.value)
        : f.unit === 'WON'
          ? formatWon(f.value, currentLanguage())
          : new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 1 }).format(f.value);
    return t(`annual.unit.${f.unit}`, { value });
  };
}

function SectionTable({ section }: { section: Section }) {
  const { t } = useTranslation('programme');
  const en = currentLanguage() === 'en';
  const show = useFigureValue();
  const title = en ? section.titleEn : section.titleKo;
  const id = `ar-section-${section.name}`;
  return (
    <section className="gw-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Table
        caption={t('annual.sectionCaption', { section: title })}
        head={[t('annual.figure'), t('annual.value')]}
      >
        {section.figures.map((f) => (
          <tr key={f.key}>
            <td>{en ? f.labelEn : f.labelKo}</td>
            <td className="gw-pg-num">{show(f)}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function Subordinates({
  year,
  query,
}: {
  year: number;
  query: {
    data?: Schemas['OrganisationAnnualReportDto'][];
    error: unknown;
    isPending: boolean;
    isError: boolean;
  };
}) {
  const { t } = useTranslation('programme');
  const en = currentLanguage() === 'en';
  const show = useFigureValue();
  let body: ReactNode;
  if (query.isPending) body = <Loading />;
  else if (query.isError)
    body =
      query.error instanceof ApiError && query.error.status === 403 ? null : (
        <ErrorState error={query.error} />
      );
  else if (!query.data || query.data.length === 0) body = <p>{t('annual.subordinatesNone')}</p>;
  else {
    const orgs = query.data;
    // Every figure any subordinate reported, in the order first seen (section, then figure).
    const rows: Array<{ key: string; section: string; label: string }> = [];
    for (const o of orgs)
      for (const s of o.report?.sections ?? [])
        for (const f of s.figures) {
          const key = `${s.name}.${f.key}`;
          if (!rows.some((r) => r.key === key))
            rows.push({
              key,
              section: en ? s.titleEn : s.titleKo,
              label: en ? f.labelEn : f.labelKo,
            });
        }
    const value = (o: (typeof orgs)[number], key: string) => {
      const [sName, fKey] = key.split('.');
      const f = o.report?.sections
        .find((s) => s.name === sName)
        ?.figures.find((x) => x.key === fKey);
      return f ? show(f) : '–';
    };
    body = (
      <Table
        caption={t('annual.subordinatesCaption', { year })}
        head={[
          t('annual.figure'),
          ...orgs.map((o) => (
            <span key={o.organisationId}>
              {o.organisationName}
              <br />
              {o.report ? (
                <StatusBadge status={o.report.status} />
              ) : (
                <Badge tone="neutral">{t('annual.notGenerated')}</Badge>
              )}
            </span>
          )),
        ]}
      >
        {rows.map((r) => (
          <tr key={r.key}>
            <td>
              {r.section} · {r.label}
            </td>
            {orgs.map((o) => (
              <td key={o.organisationId} className="gw-pg-num">
                {value(o, r.key)}
              </td>
            ))}
          </tr>
        ))}
      </Table>
    );
  }
  return (
    <section className="gw-section" aria-labelledby="ar-subordinates">
      <h2 id="ar-subordinates">{t('annual.subordinates')}</h2>
      <p>{t('annual.subordinatesHint')}</p>
      {body}
    </section>
  );
}
