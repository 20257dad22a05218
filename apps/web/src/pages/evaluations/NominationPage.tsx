// /nominations/:id: a nomination; for a committee member of its round the score sheet (one input
// per criterion) and the conflict declaration; for a selected official the incentive preference.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
  CheckboxGroup,
  fieldMessages,
} from '../../components/forms';
import { ErrorState, Facts, Loading, Notice, PageHeader, Table } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  exclusionText,
  formatScore,
  gradeLabel,
  criterionLabel,
  INCENTIVE_TYPES,
  type Nomination,
  NominationStateBadge,
  type Round,
  useRound,
} from './shared';

export default function NominationPage() {
  const { id } = useParams();
  const { t } = useTranslation('evaluations');
  const nomination = useQuery({
    queryKey: ['nomination', id],
    queryFn: () =>
      call(api.GET('/api/v1/nominations/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
  const round = useRound(nomination.data?.roundId);

  if (nomination.isError || round.isError) {
    return (
      <>
        <PageHeader
          title={t('nomination.crumb')}
          crumbs={[{ label: t('title'), to: '/evaluations' }]}
        />
        <ErrorState
          error={nomination.error ?? round.error}
          onRetry={() => void (nomination.isError ? nomination.refetch() : round.refetch())}
        />
      </>
    );
  }
  if (!nomination.data || !round.data) {
    return (
      <>
        <PageHeader
          title={t('nomination.crumb')}
          crumbs={[{ label: t('title'), to: '/evaluations' }]}
        />
        <Loading />
      </>
    );
  }
  return <NominationView nomination={nomination.data} round={round.data} />;
}

function NominationView({ nomination: n, round }: { nomination: Nomination; round: Round }) {
  const { t } = useTranslation('evaluations');
  const { user, hasRole } = useAuth();
  const member = round.isMember && hasRole('COMMITTEE');
  const nominee = !!user && n.nominees.some((x) => x.kind === 'USER' && x.id === user.id);
  const lastGrade = round.grades[round.grades.length - 1]?.grade;
  const selected =
    round.status === 'CONFIRMED' &&
    n.status === 'CONFIRMED' &&
    !!n.results?.grade &&
    n.results.grade !== lastGrade;
  // Committee members score on the linked tasks without reading the tasks themselves: their code
  // and title come with the nomination; a link only for those whose roles read tasks.
  const readsTasks = hasRole('STAFF', 'DEPT_HEAD', 'AUDITOR', 'PROACTIVE_OFFICE');

  return (
    <>
      <PageHeader
        title={n.title}
        crumbs={[
          { label: t('title'), to: '/evaluations' },
          { label: round.title, to: `/evaluations/${round.id}` },
          { label: n.title },
        ]}
      />
      <section className="gw-section" aria-labelledby="nomination-details">
        <h2 id="nomination-details">{t('nomination.details')}</h2>
        <Facts
          items={[
            [t('nomination.state'), <NominationStateBadge key="s" state={n.status} />],
            [t('nomination.type'), t(`nominationType.${n.type}`)],
            [t('nomination.source'), t(`source.${n.source}`)],
            [t('nomination.nominees'), n.nominees.map((x) => x.name).join(', ')],
            [t('nomination.submittedAt'), formatDateTime(n.submittedAt)],
            ...(n.exclusionReason
              ? [
                  [t('nomination.exclusion'), exclusionText(t, n.exclusionReason)] as [
                    string,
                    string,
                  ],
                ]
              : []),
          ]}
        />
        <h3>{t('nomination.tasks')}</h3>
        {n.tasks.length === 0 ? (
          <p className="gw-eval-muted">{t('nomination.noTasks')}</p>
        ) : (
          <ul>
            {n.tasks.map((task) => (
              <li key={task.id}>
                {readsTasks ? (
                  <Link to={`/tasks/${task.id}`}>{`${task.code} ${task.title}`}</Link>
                ) : (
                  `${task.code} ${task.title}`
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('nomination.narrative')}</h3>
        {n.narrative ? (
          <p className="gw-eval-narrative">{n.narrative}</p>
        ) : (
          <p className="gw-eval-muted">{t('nomination.noNarrative')}</p>
        )}
      </section>

      {n.results && n.results.rank != null && (
        <section className="gw-section" aria-labelledby="nomination-results">
          <h2 id="nomination-results">{t('nomination.results')}</h2>
          <Facts
            items={[
              [t('nomination.rank'), t('results.rankValue', { rank: n.results.rank })],
              [t('nomination.finalScore'), formatScore(n.results.finalScore)],
              [t('nomination.grade'), gradeLabel(t, n.results.grade, n.results.gradeLabel)],
            ]}
          />
        </section>
      )}

      {member && <ScoringSection nomination={n} round={round} />}

      {n.sheets && (
        <section className="gw-section" aria-labelledby="nomination-sheets">
          <h2 id="nomination-sheets">{t('nomination.sheets')}</h2>
          {n.sheets.length === 0 ? (
            <p className="gw-empty">{t('nomination.noSheets')}</p>
          ) : (
            <Table
              caption={t('nomination.sheetsCaption')}
              head={[
                t('nomination.member'),
                ...round.criteria.map((c) => criterionLabel(t, c)),
                t('nomination.total'),
                t('nomination.submitted'),
              ]}
            >
              {n.sheets.map((s) => (
                <tr key={s.memberId}>
                  <td>{s.memberName}</td>
                  {round.criteria.map((c) => (
                    <td key={c.key} className="gw-num">
                      {formatScore(s.scores[c.key] as number | undefined)}
                    </td>
                  ))}
                  <td className="gw-num">{formatScore(s.total)}</td>
                  <td>{formatDateTime(s.submittedAt)}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      )}

      {nominee && selected && <PreferenceSection nomination={n} />}

      <p>
        <Link to={`/evaluations/${round.id}`}>{t('nomination.back')}</Link>
      </p>
    </>
  );
}

function ScoringSection({ nomination: n, round }: { nomination: Nomination; round: Round }) {
  const { t } = useTranslation('evaluations');
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const mine = n.sheets?.find((s) => s.memberId === user?.id);
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      round.criteria.map((c) => [
        c.key,
        mine?.scores[c.key] !== undefined ? String(mine.scores[c.key]) : '',
      ]),
    ),
  );
  const { problems, fail, clear } = useFormProblems();
  const conflictForm = useFormValues({ reason: '' });
  const conflictProblems = useFormProblems();
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scoring = round.status === 'SCORING';
  const scorable = ['VERIFIED', 'SCORED', 'GRADED'].includes(n.status);

  const refresh = (fresh: Nomination) => {
    queryClient.setQueryData(['nomination', n.id], fresh);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['nominations', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['evaluation-progress', round.id] }),
    ]);
  };

  const total = round.criteria.reduce((sum, c) => {
    const v = Number(scores[c.key]);
    return scores[c.key] !== '' && Number.isFinite(v) ? sum + Math.round(v * 100) : sum;
  }, 0);

  const save = async () => {
    setBusy(true);
    clear();
    setNotice(null);
    // Empty inputs are left out (the API says which are missing); anything typed is sent as a
    // number when it is one, else as typed, so the API's message explains the problem.
    const sheet: Record<string, number | string> = {};
    for (const c of round.criteria) {
      const raw = scores[c.key].trim();
      if (raw === '') continue;
      const v = Number(raw);
      sheet[c.key] = Number.isFinite(v) ? v : raw;
    }
    try {
      const fresh = await call(
        api.PUT('/api/v1/nominations/{id}/scores', {
          params: { path: { id: n.id } },
          body: { scores: sheet as never },
        }),
      );
      await refresh(fresh);
      setNotice(t('nomination.scoresSaved'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const declare = async () => {
    setBusy(true);
    conflictProblems.clear();
    setNotice(null);
    try {
      const fresh = await call(
        api.POST('/api/v1/nominations/{id}/conflicts', {
          params: { path: { id: n.id } },
          body: { reason: conflictForm.values.reason },
        }),
      );
      await refresh(fresh);
    } catch (err) {
      conflictProblems.fail(err);
    } finally {
      setBusy(false);
    }
  };

  if (n.myConflict) {
    return (
      <section className="gw-section" aria-labelledby="nomination-scoring">
        <h2 id="nomination-scoring">{t('nomination.scoring')}</h2>
        <p className="gw-alert gw-alert--info" role="status">
          {t('nomination.conflictDeclared')}
        </p>
      </section>
    );
  }

  return (
    <>
      <section className="gw-section" aria-labelledby="nomination-scoring">
        <h2 id="nomination-scoring">{t('nomination.scoring')}</h2>
        {!scoring ? (
          <p className="gw-eval-muted">{t('nomination.notScoring')}</p>
        ) : !scorable ? (
          <p className="gw-eval-muted">{t('nomination.notScorable')}</p>
        ) : (
          <>
            {notice && <Notice>{notice}</Notice>}
            {n.myScored && !notice && <p>{t('nomination.alreadyScored')}</p>}
            <Form problems={problems} onSubmit={() => void save()} label={t('nomination.scoring')}>
              <p className="form-hint">{t('nomination.scoringHint')}</p>
              <div className="gw-eval-score-grid">
                {round.criteria.map((c) => (
                  <TextField
                    key={c.key}
                    name={`scores.${c.key}`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={c.weight}
                    step={0.01}
                    required
                    label={t('nomination.scoreLabel', {
                      label: criterionLabel(t, c),
                      weight: c.weight,
                    })}
                    value={scores[c.key]}
                    onChange={(e) => setScores((s) => ({ ...s, [c.key]: e.target.value }))}
                  />
                ))}
              </div>
              {fieldMessages(problems, 'scores') &&
                !round.criteria.some((c) => problems.fields[`scores.${c.key}`]) && (
                  <p className="form-hint-invalid" role="alert">
                    {fieldMessages(problems, 'scores')}
                  </p>
                )}
              <p className="gw-eval-total" aria-live="polite">
                {t('nomination.liveTotal', { total: formatScore(total / 100) })}
              </p>
              <div className="gw-form-actions">
                <button type="submit" className="krds-btn primary" disabled={busy}>
                  {t('nomination.saveScores')}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
      {round.status !== 'CONFIRMED' && (
        <section className="gw-section" aria-labelledby="nomination-conflict">
          <h2 id="nomination-conflict">{t('nomination.conflict')}</h2>
          <p>{t('nomination.conflictHint')}</p>
          <Form
            problems={conflictProblems.problems}
            onSubmit={() => void declare()}
            label={t('nomination.conflict')}
          >
            <TextAreaField
              name="reason"
              label={t('nomination.conflictReason')}
              required
              maxLength={2000}
              rows={3}
              placeholder={t('nomination.conflictPlaceholder')}
              value={conflictForm.values.reason}
              onChange={conflictForm.set('reason')}
            />
            <div className="gw-form-actions">
              <button type="submit" className="krds-btn secondary" disabled={busy}>
                {t('nomination.conflictSubmit')}
              </button>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}

function PreferenceSection({ nomination: n }: { nomination: Nomination }) {
  const { t } = useTranslation('evaluations');
  const [preferred, setPreferred] = useState<string[]>([]);
  const { values, set } = useFormValues({ note: '' });
  const { problems, fail, clear } = useFormProblems();
  const [saved, setSaved] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    setSaved(null);
    try {
      const r = await call(
        api.PUT('/api/v1/nominations/{id}/preference', {
          params: { path: { id: n.id } },
          body: {
            preferred: preferred as Array<(typeof INCENTIVE_TYPES)[number]>,
            note: values.note.trim() || undefined,
          },
        }),
      );
      setSaved(r.preferred);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="gw-section" aria-labelledby="nomination-preference">
      <h2 id="nomination-preference">{t('nomination.preference')}</h2>
      <p>{t('nomination.preferenceHint')}</p>
      {saved && (
        <Notice>
          {t('nomination.preferenceSaved', {
            list: saved.map((x) => t(`incentiveType.${x}`)).join(', '),
          })}
        </Notice>
      )}
      <Form problems={problems} onSubmit={() => void submit()} label={t('nomination.preference')}>
        <CheckboxGroup
          name="preferred"
          legend={t('nomination.preferenceLegend')}
          options={INCENTIVE_TYPES.map((x) => ({ value: x, label: t(`incentiveType.${x}`) }))}
          selected={preferred}
          onChange={setPreferred}
          error={fieldMessages(problems, 'preferred')}
        />
        <TextAreaField
          name="note"
          label={t('nomination.preferenceNote')}
          maxLength={2000}
          rows={3}
          value={values.note}
          onChange={set('note')}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('nomination.preferenceSubmit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
