// /exemption-reports and /exemption-reports/:year/:quarter — the quarterly
// 적극행정면책 report to 감사원 (due within 10 days after the quarter): its period, due date and
// state, the decisions it lists, XLSX download, and the audit unit's record of the submission.
// Without a year and quarter it shows the last quarter that ended. The reminders link here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call, download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { SelectField, TextField, useFormValues } from '../../components/forms';
import {
  Badge,
  Dialog,
  Empty,
  ErrorState,
  Facts,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { formatDate, seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import './exempt-messages';
import { lastQuarter } from './periods';
import { ActionForm, optional, yearOptions } from './shared';

export default function ExemptionReportPage() {
  const { t } = useTranslation('exemptions');
  const { hasRole } = useAuth();
  const params = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fallback = lastQuarter();
  const year = Number(params.year) || fallback.year;
  const quarter = Number(params.quarter) || fallback.quarter;
  const [draft, setDraft] = useState({ year: String(year), quarter: String(quarter) });
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const key = ['exemption-reports', year, quarter];
  const report = useQuery({
    queryKey: key,
    queryFn: () =>
      call(
        api.GET('/api/v1/exemption-reports', {
          params: { query: { year, quarter } },
        }),
      ),
  });
  const crumbs = [{ label: t('title'), to: '/exemptions' }, { label: t('report.title') }];

  return (
    <>
      <PageHeader title={t('report.title')} crumbs={crumbs} description={t('report.description')} />
      {notice && <Notice>{notice}</Notice>}
      {problem !== null && <ErrorState error={problem} />}
      <form
        className="gw-filters gw-pg-filter"
        aria-label={t('report.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void navigate(`/exemption-reports/${draft.year}/${draft.quarter}`);
        }}
      >
        <div className="gw-form-row">
          <SelectField
            name="year"
            label={t('report.year')}
            value={draft.year}
            options={yearOptions((k, o) => t(`programme:${k}`, o))}
            onChange={(e) => setDraft((d) => ({ ...d, year: e.target.value }))}
          />
          <SelectField
            name="quarter"
            label={t('report.quarter')}
            value={draft.quarter}
            options={[1, 2, 3, 4].map((q) => ({
              value: String(q),
              label: t('report.quarterValue', { quarter: q }),
            }))}
            onChange={(e) => setDraft((d) => ({ ...d, quarter: e.target.value }))}
          />
        </div>
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary">
            {t('report.apply')}
          </button>
        </div>
      </form>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <section className="gw-section" aria-labelledby="xr-overview">
            <h2 id="xr-overview">
              {year}. {t('report.quarterValue', { quarter })}
            </h2>
            <Facts
              items={[
                [
                  t('report.period'),
                  `${formatDate(report.data.periodStart)} ~ ${formatDate(report.data.periodEnd)}`,
                ],
                [t('report.dueDate'), formatDate(report.data.dueDate)],
                [
                  t('report.state'),
                  <Badge
                    key="s"
                    tone={
                      report.data.status === 'SUBMITTED'
                        ? 'success'
                        : report.data.status === 'OVERDUE'
                          ? 'danger'
                          : report.data.status === 'DUE'
                            ? 'warning'
                            : 'neutral'
                    }
                  >
                    {t(`report.status.${report.data.status}`)}
                  </Badge>,
                ],
                [
                  t('report.figures'),
                  t('report.figuresValue', {
                    decided: report.data.figures.decided,
                    granted: report.data.figures.granted,
                    partial: report.data.figures.partiallyGranted,
                    denied: report.data.figures.denied,
                    presumed: report.data.figures.presumedFromConsultation,
                  }),
                ],
                ...(report.data.submission
                  ? [
                      [
                        t('report.submission'),
                        t('report.submissionValue', {
                          date: formatDate(report.data.submission.submittedOn),
                          reference: report.data.submission.reference,
                          by: report.data.submission.submittedBy.name ?? '–',
                          onTime: report.data.submission.onTime
                            ? t('report.onTime')
                            : t('report.late'),
                        }),
                      ] as [string, string],
                    ]
                  : []),
              ]}
            />
            <div className="gw-pg-actions">
              <button
                type="button"
                className="krds-btn secondary"
                onClick={() => {
                  setProblem(null);
                  download(
                    `/api/v1/exemption-reports/export.xlsx?year=${year}&quarter=${quarter}`,
                    `exemption-report-${year}-Q${quarter}.xlsx`,
                  ).catch(setProblem);
                }}
              >
                {t('report.xlsx')}
              </button>
              {hasRole('AUDITOR') &&
                !report.data.submission &&
                report.data.status !== 'NOT_ENDED' && (
                  <button
                    type="button"
                    className="krds-btn primary"
                    onClick={() => {
                      setNotice(null);
                      setOpen(true);
                    }}
                  >
                    {t('report.submit')}
                  </button>
                )}
            </div>
          </section>
          {report.data.rows.length === 0 ? (
            <Empty>{t('report.noRows')}</Empty>
          ) : (
            <Table
              caption={t('report.rowsCaption', { year, quarter })}
              head={[
                t('report.col.kind'),
                t('report.col.official'),
                t('report.col.department'),
                t('report.col.title'),
                t('report.col.auditReference'),
                t('report.col.decision'),
                t('report.col.decidedOn'),
                t('report.col.presumed'),
              ]}
            >
              {report.data.rows.map((r) => (
                <tr key={r.caseId}>
                  <td>{t(`kind.${r.kind}`)}</td>
                  <td>{r.officialName ?? '–'}</td>
                  <td>{r.departmentName ?? '–'}</td>
                  <td>{r.title}</td>
                  <td>{r.auditReference}</td>
                  <td>{t(`decision.${r.decision}`)}</td>
                  <td className="gw-pg-nowrap">{formatDate(r.decidedOn)}</td>
                  <td>{r.immunityPresumed ? t('report.yes') : t('report.no')}</td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
      <Dialog open={open} title={t('report.submit')} onClose={() => setOpen(false)}>
        {open && (
          <SubmitForm
            year={year}
            quarter={quarter}
            onCancel={() => setOpen(false)}
            onDone={async () => {
              setOpen(false);
              await queryClient.invalidateQueries({ queryKey: key });
              setNotice(t('report.submitted'));
            }}
          />
        )}
      </Dialog>
    </>
  );
}

function SubmitForm({
  year,
  quarter,
  onCancel,
  onDone,
}: {
  year: number;
  quarter: number;
  onCancel: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('exemptions');
  const { values, set } = useFormValues({ reference: '', submittedOn: seoulToday() });
  return (
    <ActionForm
      label={t('report.submit')}
      submitLabel={t('report.submit')}
      onCancel={onCancel}
      onReload={async () => {}}
      run={async () => {
        await call(
          api.POST('/api/v1/exemption-reports/submit', {
            body: {
              year,
              quarter,
              reference: values.reference,
              ...optional('submittedOn', values.submittedOn),
            },
          }),
        );
        await onDone();
      }}
    >
      <TextField
        name="reference"
        label={t('report.reference')}
        required
        maxLength={200}
        value={values.reference}
        onChange={set('reference')}
      />
      <TextField
        name="submittedOn"
        type="date"
        label={t('report.submittedOn')}
        value={values.submittedOn}
        onChange={set('submittedOn')}
      />
    </ActionForm>
  );
}
