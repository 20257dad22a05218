// /committee/agenda-items/:id — one agenda item: its subject (linked to the evaluation round,
// consultation, opinion request or contest round), the interested parties by name, the members
// excluded from it (제척 automatic, 기피 requests the office decides, 회피), the votes (a member's
// own; the office's entry from the minutes), the tally against the statute's rule and the outcome
// (가결/부결); resolve and withdraw for the office — every button driven by allowedActions.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  FormActions,
  FormAlert,
  RadioGroup,
  SelectField,
  TextAreaField,
  useFormProblems,
} from '../../components/forms';
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
import { formatDate, formatDateTime } from '../../format';
import { useTranslation } from '../../i18n';
import {
  type AgendaItem,
  type Meeting,
  OutcomeBadge,
  quorumNeeded,
  SubjectLink,
  VOTES,
  type VoteValue,
} from './shared';

type DialogKind = 'recuse' | 'challenge' | 'resolve' | 'withdraw';

export default function AgendaItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('committee');
  const { user, hasRole } = useAuth();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<DialogKind | null>(null);
  const item = useQuery({
    queryKey: ['committee', 'item', id],
    queryFn: () =>
      call(api.GET('/api/v1/committee/agenda-items/{id}', { params: { path: { id } } })),
  });
  const meetingId = item.data?.meetingId;
  // The meeting (sitting members, attendance); an interested party may not read it.
  const meeting = useQuery({
    queryKey: ['committee', 'meeting', meetingId],
    queryFn: () =>
      call(
        api.GET('/api/v1/committee/meetings/{id}', { params: { path: { id: meetingId ?? '' } } }),
      ),
    enabled: !!meetingId,
    retry: false,
  });
  const crumbs = [{ label: t('title'), to: '/committee' }, { label: t('item.crumb') }];
  if (item.isPending || item.isError) {
    return (
      <>
        <PageHeader title={t('item.crumb')} crumbs={crumbs} />
        {item.isPending ? (
          <Loading />
        ) : (
          <ErrorState error={item.error} onRetry={() => void item.refetch()} />
        )}
      </>
    );
  }
  const it = item.data;
  const m = meeting.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['committee'] });
  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      await work();
      await refresh();
      setNotice(message);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, {}));
    } finally {
      setBusy(false);
    }
  };
  const done = async (message: string) => {
    setOpen(null);
    await refresh();
    setNotice(message);
  };

  const excluded = new Map(
    it.exclusions.filter((x) => x.status === 'ACCEPTED').map((x) => [x.userId, x.kind]),
  );
  const canVote = it.allowedActions.includes('vote');
  const office = hasRole('PROACTIVE_OFFICE');
  const attending = !!user && !!m?.attendeeIds.includes(user.id);
  const myVote = it.votes?.find((v) => v.userId === user?.id)?.vote;
  const dialogActions = (['recuse', 'challenge', 'resolve', 'withdraw'] as const).filter((a) =>
    it.allowedActions.includes(a),
  );

  return (
    <>
      <PageHeader
        title={it.title}
        crumbs={[
          { label: t('title'), to: '/committee' },
          ...(m ? [{ label: m.title, to: `/committee/meetings/${m.id}` }] : []),
          { label: it.title },
        ]}
      />
      {notice && <Notice>{notice}</Notice>}
      <section className="gw-section" aria-labelledby="cm-item">
        <h2 id="cm-item">{t('item.overview')}</h2>
        <Facts
          items={[
            [
              t('item.meeting'),
              m ? (
                <Link key="m" to={`/committee/meetings/${m.id}`}>
                  {m.title} ({formatDate(m.meetingDate)})
                </Link>
              ) : (
                t('item.meetingValue', {
                  date: formatDate(it.meetingDate),
                  status: t(`meetingStatus.${it.meetingStatus}`),
                })
              ),
            ],
            [t('meeting.subject'), t(`subjectKind.${it.subjectKind}`)],
            [
              t('item.subject'),
              <SubjectLink key="s" kind={it.subjectKind} id={it.subjectId} title={it.title} />,
            ],
            [t('item.outcome'), <OutcomeBadge key="o" status={it.status} outcome={it.outcome} />],
            ...(it.resolution
              ? [[t('item.decidedAt'), formatDateTime(it.resolution.decidedAt)] as [string, string]]
              : []),
          ]}
        />
        {it.decision && (
          <>
            <h3>{t('item.decision')}</h3>
            <p className="gw-cm-text">{it.decision}</p>
          </>
        )}
      </section>

      <section className="gw-section" aria-labelledby="cm-item-actions">
        <h2 id="cm-item-actions">{t('item.actions')}</h2>
        {error && <FormAlert problems={{ fields: {}, error }} onReload={() => void refresh()} />}
        {dialogActions.length === 0 && !canVote ? (
          <p>{t('item.noActions')}</p>
        ) : (
          <div className="gw-cm-actions">
            {dialogActions.map((a) => (
              <button
                key={a}
                type="button"
                className={`krds-btn ${a === 'resolve' ? 'primary' : 'secondary'}`}
                onClick={() => {
                  setNotice(null);
                  setError(null);
                  setOpen(a);
                }}
              >
                {t(`item.${a}`)}
              </button>
            ))}
          </div>
        )}
      </section>

      <section className="gw-section" aria-labelledby="cm-parties">
        <h2 id="cm-parties">{t('item.parties')}</h2>
        {it.interestedParties === null ? (
          <p>{t('item.partiesHidden')}</p>
        ) : it.interestedParties.length === 0 ? (
          <Empty>{t('item.partiesNone')}</Empty>
        ) : (
          <ul className="gw-cm-parties">
            {partyLines(it.interestedParties, t).map(([role, text]) => (
              <li key={role}>
                <strong>{t(`role.${role}`)}</strong>: {text}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="gw-section" aria-labelledby="cm-exclusions">
        <h2 id="cm-exclusions">{t('item.exclusions')}</h2>
        {it.exclusions.length === 0 ? (
          <Empty>{t('item.exclusionNone')}</Empty>
        ) : (
          <Table
            caption={t('item.exclusionsCaption')}
            head={[
              t('item.member'),
              t('item.exclusionKind'),
              t('item.reasonCol'),
              t('item.statusCol'),
            ]}
          >
            {it.exclusions.map((x) => (
              <tr key={`${x.kind}-${x.id ?? x.userId}`}>
                <td>{x.name}</td>
                <td>{t(`item.kinds.${x.kind}`)}</td>
                <td className="gw-cm-text">
                  {x.kind === 'DISQUALIFIED'
                    ? t('item.disqualifiedReason', { role: x.role ? t(`role.${x.role}`) : '' })
                    : x.reason}
                  {x.decisionNote ? ` — ${x.decisionNote}` : ''}
                </td>
                <td>
                  <Badge
                    tone={
                      x.status === 'ACCEPTED'
                        ? 'warning'
                        : x.status === 'REJECTED'
                          ? 'neutral'
                          : 'info'
                    }
                  >
                    {t(`item.exclusionStatus.${x.status}`)}
                  </Badge>
                  {x.kind === 'CHALLENGE' &&
                    x.status === 'REQUESTED' &&
                    x.id &&
                    it.allowedActions.includes('decideChallenge') && (
                      <span className="gw-cm-inline">
                        {([true, false] as const).map((accepted) => (
                          <button
                            key={String(accepted)}
                            type="button"
                            className={`krds-btn small ${accepted ? 'primary' : 'secondary'}`}
                            disabled={busy}
                            aria-label={t('item.decideLabel', {
                              name: x.name,
                              decision: t(accepted ? 'item.accept' : 'item.reject'),
                            })}
                            onClick={() =>
                              void run(
                                () =>
                                  call(
                                    api.POST(
                                      '/api/v1/committee/agenda-items/{id}/challenges/{challengeId}/decision',
                                      {
                                        params: { path: { id: it.id, challengeId: x.id ?? '' } },
                                        body: { version: x.version ?? 1, accepted },
                                      },
                                    ),
                                  ),
                                t('item.decided'),
                              )
                            }
                          >
                            {t(accepted ? 'item.accept' : 'item.reject')}
                          </button>
                        ))}
                      </span>
                    )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      {it.votes !== null && (
        <section className="gw-section" aria-labelledby="cm-votes">
          <h2 id="cm-votes">{t('item.votes')}</h2>
          <VotesTable item={it} meeting={m} excluded={excluded} />
          {canVote && attending && !excluded.has(user?.id ?? '') && (
            <VoteForm
              item={it}
              legend={t('item.myVote')}
              current={myVote}
              onDone={() => done(t('item.voted'))}
            />
          )}
          {canVote && office && m && (
            <VoteForm
              item={it}
              legend={t('item.officeVote')}
              members={m.sittingMembers
                .filter((s) => m.attendeeIds.includes(s.userId) && !excluded.has(s.userId))
                .map((s) => ({ value: s.userId, label: s.name }))}
              onDone={() => done(t('item.voted'))}
            />
          )}
        </section>
      )}

      {(it.resolution || m) && (
        <section className="gw-section" aria-labelledby="cm-tally">
          <h2 id="cm-tally">{t('item.tally')}</h2>
          <Tally item={it} meeting={m} excluded={excluded} />
        </section>
      )}

      <Dialog
        open={open !== null}
        title={open ? t(`item.${open}`) : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <ItemActionForm
            item={it}
            meeting={m}
            action={open}
            onCancel={() => setOpen(null)}
            onReload={refresh}
            onDone={done}
          />
        )}
      </Dialog>
    </>
  );
}

type T = (key: string, o?: Record<string, unknown>) => string;

/** Per role: the people and departments (by name) the item concerns. */
function partyLines(
  parties: NonNullable<AgendaItem['interestedParties']>,
  t: T,
): Array<[string, string]> {
  const byRole = new Map<string, string[]>();
  for (const p of parties) {
    const names = byRole.get(p.role) ?? [];
    const name = p.departmentId
      ? `${p.name ?? t('committee:item.unknownPerson')} ${t('committee:item.partyDepartment')}`
      : (p.name ?? t('committee:item.unknownPerson'));
    if (!names.includes(name)) names.push(name);
    byRole.set(p.role, names);
  }
  return [...byRole.entries()].map(([role, names]) => [role, names.join(', ')]);
}

function VotesTable({
  item,
  meeting,
  excluded,
}: {
  item: AgendaItem;
  meeting: Meeting | undefined;
  excluded: Map<string, string>;
}) {
  const { t } = useTranslation('committee');
  const votes = new Map((item.votes ?? []).map((v) => [v.userId, v.vote]));
  const rows: Array<{ userId: string; name: string; cell: ReactNode }> = meeting
    ? meeting.sittingMembers.map((s) => {
        const kind = excluded.get(s.userId);
        const vote = votes.get(s.userId);
        const cell = kind ? (
          <Badge>{t('item.excludedMember', { kind: t(`item.kinds.${kind}`) })}</Badge>
        ) : meeting.status !== 'SCHEDULED' && !meeting.attendeeIds.includes(s.userId) ? (
          t('item.absentMember')
        ) : vote ? (
          <Badge tone={vote === 'FOR' ? 'success' : vote === 'AGAINST' ? 'danger' : 'neutral'}>
            {t(`vote.${vote}`)}
          </Badge>
        ) : (
          t('item.notVoted')
        );
        return { userId: s.userId, name: s.name, cell };
      })
    : (item.votes ?? []).map((v) => ({
        userId: v.userId,
        name: v.name,
        cell: t(`vote.${v.vote}`),
      }));
  if (rows.length === 0) return <Empty>{t('meeting.noSitting')}</Empty>;
  return (
    <Table caption={t('item.votesCaption')} head={[t('item.member'), t('item.voteCol')]}>
      {rows.map((r) => (
        <tr key={r.userId}>
          <td>{r.name}</td>
          <td>{r.cell}</td>
        </tr>
      ))}
    </Table>
  );
}

/** 재적, those present for the item, what a quorum and a pass need, the votes: recorded or now. */
function Tally({
  item,
  meeting,
  excluded,
}: {
  item: AgendaItem;
  meeting: Meeting | undefined;
  excluded: Map<string, string>;
}) {
  const { t } = useTranslation('committee');
  let members: number;
  let present: number;
  let votesFor: number;
  let votesAgainst: number;
  let votesAbstain: number;
  if (item.resolution) {
    members = item.resolution.members;
    present = item.resolution.presentMemberIds.length;
    votesFor = item.resolution.votesFor;
    votesAgainst = item.resolution.votesAgainst;
    votesAbstain = item.resolution.votesAbstain;
  } else if (meeting) {
    members = meeting.sittingMembers.length;
    const presentIds = meeting.attendeeIds.filter((id) => !excluded.has(id));
    present = presentIds.length;
    const votes = new Map((item.votes ?? []).map((v) => [v.userId, v.vote]));
    votesFor = presentIds.filter((id) => votes.get(id) === 'FOR').length;
    votesAgainst = presentIds.filter((id) => votes.get(id) === 'AGAINST').length;
    votesAbstain = present - votesFor - votesAgainst;
  } else return null;
  const quorum = quorumNeeded(members);
  const needed = Math.floor(present / 2) + 1;
  const met = members > 0 && present >= quorum;
  return (
    <>
      <p className="form-hint">{item.resolution ? t('item.recorded') : t('item.provisional')}</p>
      <Facts
        items={[
          [t('item.tallyMembers'), t('item.tallyCount', { count: members })],
          [
            t('item.tallyPresent'),
            <span key="p">
              {t('item.tallyCount', { count: present })}{' '}
              <Badge tone={met ? 'success' : 'warning'}>
                {t(met ? 'item.quorumMet' : 'item.quorumShort')}
              </Badge>
            </span>,
          ],
          [t('item.tallyQuorum'), t('item.tallyCount', { count: quorum })],
          [t('item.tallyNeeded'), t('item.tallyCount', { count: needed })],
          [
            t('item.tallyVotes'),
            t('item.tallyVotesValue', {
              for: votesFor,
              against: votesAgainst,
              abstain: votesAbstain,
            }),
          ],
        ]}
      />
    </>
  );
}

/** A vote: the member's own (no `members`), or the office's entry for a member from the minutes. */
function VoteForm({
  item,
  legend,
  current,
  members,
  onDone,
}: {
  item: AgendaItem;
  legend: string;
  current?: string;
  members?: Array<{ value: string; label: string }>;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [vote, setVote] = useState<VoteValue | ''>((current as VoteValue | undefined) ?? '');
  const [memberId, setMemberId] = useState('');
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      await call(
        api.PUT('/api/v1/committee/agenda-items/{id}/votes', {
          params: { path: { id: item.id } },
          body: { vote: vote as VoteValue, ...(members ? { memberId } : {}) },
        }),
      );
      if (members) {
        // Ready for the next member's vote from the minutes.
        setMemberId('');
        setVote('');
      }
      await onDone();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form problems={problems} onSubmit={() => void submit()} label={legend}>
      <h3>{legend}</h3>
      {current && <p>{t('item.myVoteNow', { vote: t(`vote.${current}`) })}</p>}
      {members && (
        <SelectField
          name="memberId"
          label={t('item.officeVoteMember')}
          required
          value={memberId}
          placeholder={t('item.officeVoteChoose')}
          options={members}
          onChange={(e) => setMemberId(e.target.value)}
        />
      )}
      <RadioGroup
        name="vote"
        legend={t('item.voteCol')}
        required
        layout="row"
        value={vote}
        options={VOTES.map((v) => ({ value: v, label: t(`vote.${v}`) }))}
        onChange={setVote}
      />
      <div className="gw-form-actions">
        <button type="submit" className="krds-btn primary" disabled={busy || !vote}>
          {members ? t('item.officeVoteSubmit') : t('item.castVote')}
        </button>
      </div>
    </Form>
  );
}

function ItemActionForm({
  item,
  meeting,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  item: AgendaItem;
  meeting: Meeting | undefined;
  action: DialogKind;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation('committee');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(item.version);
  const [text, setText] = useState('');
  const [memberId, setMemberId] = useState('');
  const path = { path: { id: item.id } };
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      if (action === 'recuse') {
        await call(
          api.POST('/api/v1/committee/agenda-items/{id}/recusal', {
            params: path,
            body: { reason: text },
          }),
        );
        await onDone(t('item.recused'));
      } else if (action === 'challenge') {
        await call(
          api.POST('/api/v1/committee/agenda-items/{id}/challenges', {
            params: path,
            body: { memberId, reason: text },
          }),
        );
        await onDone(t('item.challenged'));
      } else if (action === 'resolve') {
        const r = await call(
          api.POST('/api/v1/committee/agenda-items/{id}/resolution', {
            params: path,
            body: { version, decision: text.trim() || null },
          }),
        );
        await onDone(t('item.resolved', { outcome: r.outcome ? t(`outcome.${r.outcome}`) : '' }));
      } else {
        await call(
          api.POST('/api/v1/committee/agenda-items/{id}/withdrawal', {
            params: path,
            body: { version, reason: text },
          }),
        );
        await onDone(t('item.withdrawn'));
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const field =
    action === 'recuse'
      ? { name: 'reason', label: t('item.recuseReason'), required: true }
      : action === 'challenge'
        ? { name: 'reason', label: t('item.challengeReason'), required: true }
        : action === 'resolve'
          ? { name: 'decision', label: t('item.resolveDecision'), required: false }
          : { name: 'reason', label: t('item.withdrawReason'), required: true };
  return (
    <Form
      problems={problems}
      onSubmit={() => void submit()}
      onReload={() =>
        void onReload().then(async () => {
          const fresh = await call(
            api.GET('/api/v1/committee/agenda-items/{id}', { params: path }),
          );
          setVersion(fresh.version);
          clear();
        })
      }
      label={t(`item.${action}`)}
    >
      {action === 'resolve' && <p className="form-hint">{t('item.resolveHint')}</p>}
      {action === 'challenge' && (
        <SelectField
          name="memberId"
          label={t('item.challengeMember')}
          required
          value={memberId}
          placeholder={t('item.officeVoteChoose')}
          options={(meeting?.sittingMembers ?? []).map((s) => ({ value: s.userId, label: s.name }))}
          hint={meeting ? undefined : t('item.challengeNoList')}
          onChange={(e) => setMemberId(e.target.value)}
        />
      )}
      <TextAreaField
        name={field.name}
        label={field.label}
        required={field.required}
        maxLength={action === 'resolve' ? 4000 : 2000}
        rows={action === 'resolve' ? 6 : 4}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <FormActions busy={busy} submitLabel={t(`item.${action}`)} onCancel={onCancel} />
    </Form>
  );
}
