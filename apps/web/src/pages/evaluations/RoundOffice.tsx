// The office's actions on a round, as its state allows: committee members, start scoring,
// aggregate the results. The results are resolved only by the 적극행정위원회 (an EVALUATION_RESULTS
// agenda item on the committee's pages), so in scoring the office is pointed there.
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import {
  CheckboxGroup,
  Form,
  FormActions,
  FormAlert,
  useFormProblems,
} from '../../components/forms';
import { Dialog, Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { type Round } from './shared';

/** Names of committee members: from the progress of every round (the office may read it). */
export function useMemberNames(enabled: boolean) {
  const rounds = useQuery({
    queryKey: ['evaluation-rounds', ''],
    queryFn: () => call(api.GET('/api/v1/evaluation-rounds', { params: { query: {} } })),
    enabled,
  });
  const progress = useQueries({
    queries: (rounds.data ?? []).map((r) => ({
      queryKey: ['evaluation-progress', r.id],
      queryFn: () =>
        call(
          api.GET('/api/v1/evaluation-rounds/{id}/progress', { params: { path: { id: r.id } } }),
        ),
      enabled,
    })),
  });
  const names = new Map<string, string>();
  for (const p of progress) for (const m of p.data?.members ?? []) names.set(m.memberId, m.name);
  return names;
}

export function RoundOffice({ round }: { round: Round }) {
  const { t } = useTranslation('evaluations');
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'members' | null>(null);
  const [result, setResult] = useState<{ ok?: string; error?: ApiError } | null>(null);
  const [busy, setBusy] = useState(false);
  const names = useMemberNames(true);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['evaluation-round', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['evaluation-rounds'] }),
      queryClient.invalidateQueries({ queryKey: ['nominations', round.id] }),
      queryClient.invalidateQueries({ queryKey: ['evaluation-progress'] }),
      queryClient.invalidateQueries({ queryKey: ['incentives', round.id] }),
    ]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setResult(null);
    try {
      const ok = await action();
      await refresh();
      setResult({ ok });
    } catch (err) {
      setResult({ error: err instanceof ApiError ? err : new ApiError(0, {}) });
    } finally {
      setBusy(false);
    }
  };

  const path = { params: { path: { id: round.id } } };
  const confirmed = round.status === 'CONFIRMED';

  return (
    <section className="gw-section" aria-labelledby="round-office">
      <h2 id="round-office">{t('office.title')}</h2>
      {confirmed ? (
        <p className="gw-eval-muted">{t('office.nothing')}</p>
      ) : (
        <div className="gw-eval-actions">
          <button type="button" className="krds-btn secondary" onClick={() => setDialog('members')}>
            {t('office.setMembers')}
          </button>
          {round.status === 'NOMINATING' && (
            <button
              type="button"
              className="krds-btn primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await call(api.POST('/api/v1/evaluation-rounds/{id}/start-scoring', path));
                  return t('office.scoringStarted');
                })
              }
            >
              {t('office.startScoring')}
            </button>
          )}
          {round.status === 'SCORING' && (
            <button
              type="button"
              className="krds-btn secondary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const r = await call(api.POST('/api/v1/evaluation-rounds/{id}/aggregate', path));
                  return t('office.aggregated', { count: r.graded });
                })
              }
            >
              {t('office.aggregate')}
            </button>
          )}
        </div>
      )}
      {round.status === 'NOMINATING' && (
        <p className="gw-eval-muted">
          {round.criteriaApprovedItemId ? (
            t('office.criteriaApproved')
          ) : (
            <>
              {t('office.criteriaPending')} <Link to="/committee">{t('common:nav.committee')}</Link>
            </>
          )}
        </p>
      )}
      {round.status === 'SCORING' && (
        <p className="gw-eval-muted">
          {t('office.resultsByCommittee')} <Link to="/committee">{t('office.toCommittee')}</Link>
        </p>
      )}
      {result?.ok && <Notice>{result.ok}</Notice>}
      {result?.error && (
        <FormAlert problems={{ fields: {}, error: result.error }} onReload={() => void refresh()} />
      )}
      <Dialog
        open={dialog === 'members'}
        title={t('office.setMembersTitle')}
        onClose={() => setDialog(null)}
      >
        <MembersForm
          round={round}
          names={names}
          onDone={async () => {
            setDialog(null);
            await refresh();
            setResult({ ok: t('office.membersSaved') });
          }}
          onCancel={() => setDialog(null)}
        />
      </Dialog>
    </section>
  );
}

function MembersForm({
  round,
  names,
  onDone,
  onCancel,
}: {
  round: Round;
  names: Map<string, string>;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('evaluations');
  const [selected, setSelected] = useState<string[]>(round.memberIds);
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  // Who may score: the members sitting on the committee today (the API refuses anyone else).
  const committee = useQuery({
    queryKey: ['committee', 'overview'],
    queryFn: () => call(api.GET('/api/v1/committee')),
  });
  const sitting = new Map((committee.data?.members ?? []).map((m) => [m.userId, m]));
  // Members of the round no longer sitting stay listed, so they can be taken off.
  const candidates = [...sitting.keys(), ...round.memberIds.filter((id) => !sitting.has(id))];
  const label = (id: string) => {
    const m = sitting.get(id);
    if (m) {
      return t(m.chair ? 'office.memberChair' : 'office.member', {
        name: m.name,
        department: m.affiliation || m.departmentName,
      });
    }
    const name = names.get(id);
    return name ? t('office.notSitting', { name }) : t('office.unknownMember');
  };

  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PUT('/api/v1/evaluation-rounds/{id}/members', {
          params: { path: { id: round.id } },
          body: { memberIds: selected },
        }),
      );
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  // The API names a refused member by its place in the list it was sent (memberIds.2).
  const memberErrors = selected
    .map((id, i) => [id, problems.fields[`memberIds.${i}`]] as const)
    .filter(([, m]) => m)
    .map(([id, m]) => `${label(id)}: ${m}`)
    .join(' ');

  return (
    <Form problems={problems} onSubmit={() => void submit()} label={t('office.setMembersTitle')}>
      <CheckboxGroup
        name="memberIds"
        legend={t('office.membersLegend')}
        hint={t('office.membersHint')}
        options={candidates.map((id) => ({ value: id, label: label(id) }))}
        selected={selected}
        onChange={setSelected}
        error={memberErrors || problems.fields.memberIds}
        empty={committee.isPending ? t('office.loadingCandidates') : t('office.noCandidates')}
        scroll
      />
      <p className="gw-eval-muted">
        <Link to="/committee">{t('office.toCommitteeMembers')}</Link>
      </p>
      <FormActions busy={busy} submitLabel={t('office.saveMembers')} onCancel={onCancel} />
    </Form>
  );
}
