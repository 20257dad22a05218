// The forms of the 협업과제 page's actions, each in the page's dialog: goals and plan (the lead's
// office), add or remove a participant, milestone shares, agreement with the current plan version,
// 중점 designation (the coordinator's office) and completing a milestone of one's own share. Each
// sends the version it was opened with; a stale one shows the conflict notice with a reload (the
// form keeps the input and takes the fresh version), and the API's messages stand by their fields.
import { useState } from 'react';
import { api, call } from '../../api/client';
import { messagesByIndex } from '../../api/details';
import {
  Form,
  FormActions,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Notice } from '../../components/ui';
import { seoulToday } from '../../format';
import { useTranslation } from '../../i18n';
import { DepartmentPicker, OrganisationPicker, type PickedOrganisation } from './DirectoryPickers';
import { sharesBody } from './filters';
import type { Collaboration, MilestoneShare } from './shared';

export type OpenAction =
  | { kind: 'edit' }
  | { kind: 'add' }
  | { kind: 'remove'; organisationId: string; organisationName: string }
  | { kind: 'shares' }
  | { kind: 'agree' }
  | { kind: 'focus'; focus: boolean }
  | { kind: 'complete'; milestone: MilestoneShare };

const REVIEW_BY = ['LEAD_AUDITOR', 'COORDINATOR'] as const;

/** The version the action sends, read from a (fresh) collaboration. */
function versionFor(c: Collaboration, action: OpenAction): number {
  if (action.kind === 'agree') return c.planVersion;
  if (action.kind === 'complete') {
    return c.milestones.find((m) => m.milestoneId === action.milestone.milestoneId)?.version ?? 1;
  }
  return c.version;
}

export function ActionForm({
  collaboration: c,
  action,
  onCancel,
  onReload,
  onDone,
}: {
  collaboration: Collaboration;
  action: OpenAction;
  onCancel: () => void;
  onReload: () => Promise<Collaboration>;
  onDone: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation('collaborations');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  // The form keeps the version it was opened with: a stale one is a conflict to reload.
  const [version, setVersion] = useState(() => versionFor(c, action));
  const { values, setValues, set } = useFormValues({
    goals: c.goals,
    plan: c.plan,
    reviewBy: c.reviewBy,
    departmentId: '',
    reason: '',
    doneDate: '',
    lateEntryReason: '',
  });
  const [shares, setShares] = useState<Record<string, string>>(() =>
    Object.fromEntries(c.milestones.map((m) => [m.milestoneId, m.organisationId ?? ''])),
  );
  // The milestones of the last shares request, in the order sent (the API names items by index).
  const [sentShares, setSentShares] = useState<string[]>([]);
  const id = c.id;
  const path = { path: { id } };

  // A participant to add: any active organisation not yet taking part, from the directory.
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(null);
  const taking = c.participants.map((p) => p.organisationId);

  const run = async (): Promise<string> => {
    switch (action.kind) {
      case 'edit': {
        await call(
          api.PATCH('/api/v1/collaborations/{id}', {
            params: path,
            body: {
              version,
              ...(values.goals !== c.goals ? { goals: values.goals } : {}),
              ...(values.plan !== c.plan ? { plan: values.plan } : {}),
              ...(values.reviewBy !== c.reviewBy ? { reviewBy: values.reviewBy } : {}),
            },
          }),
        );
        return t('action.done.edit');
      }
      case 'add': {
        await call(
          api.POST('/api/v1/collaborations/{id}/participants', {
            params: path,
            body: {
              version,
              organisationId: organisation?.id ?? '',
              departmentId: values.departmentId,
            },
          }),
        );
        return t('action.done.addParticipant');
      }
      case 'remove':
        await call(
          api.DELETE('/api/v1/collaborations/{id}/participants/{organisationId}', {
            params: { path: { id, organisationId: action.organisationId } },
          }),
        );
        return t('action.done.removeParticipant');
      case 'shares': {
        const list = sharesBody(c.milestones, shares);
        setSentShares(list.map((s) => s.milestoneId));
        await call(
          api.PUT('/api/v1/collaborations/{id}/milestone-shares', {
            params: path,
            body: { version, shares: list },
          }),
        );
        return t('action.done.shares');
      }
      case 'agree':
        await call(
          api.POST('/api/v1/collaborations/{id}/agreement', {
            params: path,
            body: { planVersion: version },
          }),
        );
        return t('action.done.agree');
      case 'focus':
        await call(
          api.POST('/api/v1/collaborations/{id}/focus', {
            params: path,
            body: { version, focus: action.focus, reason: values.reason },
          }),
        );
        return action.focus ? t('action.done.designate') : t('action.done.undesignate');
      case 'complete':
        await call(
          api.POST('/api/v1/collaborations/{id}/milestones/{milestoneId}/completion', {
            params: { path: { id, milestoneId: action.milestone.milestoneId } },
            body: {
              version,
              ...(values.doneDate ? { doneDate: values.doneDate } : {}),
              ...(values.lateEntryReason.trim() ? { lateEntryReason: values.lateEntryReason } : {}),
            },
          }),
        );
        return t('action.done.complete');
    }
  };

  const submit = async () => {
    setBusy(true);
    setReloaded(false);
    clear();
    try {
      await onDone(await run());
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const reload = () =>
    void onReload().then((fresh) => {
      setVersion(versionFor(fresh, action));
      clear();
      setReloaded(true);
    }, fail);

  const shareMessages = messagesByIndex(
    Object.entries(problems.fields).map(([field, message]) => ({ field, message })),
    'shares',
  );
  const shareError = (milestoneId: string) => {
    const index = sentShares.indexOf(milestoneId);
    return index >= 0 ? shareMessages.get(index)?.join(' ') : undefined;
  };

  const title =
    action.kind === 'focus'
      ? action.focus
        ? t('action.designate')
        : t('action.undesignate')
      : action.kind === 'complete'
        ? t('action.completeLabel', { title: action.milestone.title })
        : action.kind === 'remove'
          ? t('action.remove')
          : action.kind === 'add'
            ? t('action.addParticipant')
            : t(`action.${action.kind}`);

  return (
    <Form problems={problems} onSubmit={() => void submit()} onReload={reload} label={title}>
      {reloaded && <Notice>{t('action.reloaded')}</Notice>}
      {action.kind === 'edit' && (
        <>
          <p>{t('action.editHint')}</p>
          <TextAreaField
            name="goals"
            label={t('detail.goals')}
            maxLength={10000}
            rows={4}
            value={values.goals}
            onChange={set('goals')}
          />
          <TextAreaField
            name="plan"
            label={t('detail.plan')}
            maxLength={10000}
            rows={6}
            value={values.plan}
            onChange={set('plan')}
          />
          <RadioGroup
            name="reviewBy"
            legend={t('detail.reviewBy')}
            layout="row"
            value={values.reviewBy}
            onChange={(reviewBy) => setValues((v) => ({ ...v, reviewBy }))}
            options={REVIEW_BY.map((r) => ({ value: r, label: t(`reviewBy.${r}`) }))}
          />
        </>
      )}
      {action.kind === 'add' && (
        <>
          <OrganisationPicker
            name="organisationId"
            label={t('action.organisation')}
            hint={t('action.organisationHint')}
            required
            exclude={taking}
            value={organisation}
            onChange={(next) => {
              setOrganisation(next);
              setValues((v) => ({ ...v, departmentId: '' }));
            }}
          />
          <DepartmentPicker
            name="departmentId"
            label={t('action.department')}
            required
            organisationId={organisation?.id ?? null}
            value={values.departmentId}
            onChange={(departmentId) => setValues((v) => ({ ...v, departmentId }))}
          />
        </>
      )}
      {action.kind === 'remove' && (
        <p>{t('action.removeConfirm', { organisation: action.organisationName })}</p>
      )}
      {action.kind === 'shares' && (
        <>
          <p>{t('action.sharesHint')}</p>
          {c.milestones.map((m) => (
            <SelectField
              key={m.milestoneId}
              name={`share-${m.milestoneId}`}
              label={t('action.shareFor', { title: m.title })}
              error={shareError(m.milestoneId)}
              value={shares[m.milestoneId] ?? ''}
              onChange={(e) => setShares((s) => ({ ...s, [m.milestoneId]: e.target.value }))}
              placeholder={t('detail.unassigned')}
              options={c.participants.map((p) => ({
                value: p.organisationId,
                label: p.organisationName,
              }))}
            />
          ))}
        </>
      )}
      {action.kind === 'agree' && <p>{t('action.agreeConfirm', { version })}</p>}
      {action.kind === 'focus' && (
        <TextAreaField
          name="reason"
          label={t('action.reason')}
          hint={t('action.reasonHint')}
          required
          maxLength={2000}
          rows={4}
          value={values.reason}
          onChange={set('reason')}
        />
      )}
      {action.kind === 'complete' && (
        <>
          <TextField
            name="doneDate"
            type="date"
            label={t('action.doneDate')}
            hint={t('action.doneDateHint')}
            max={seoulToday()}
            value={values.doneDate}
            onChange={set('doneDate')}
          />
          {values.doneDate !== '' && values.doneDate < seoulToday() && (
            <TextAreaField
              name="lateEntryReason"
              label={t('action.lateEntryReason')}
              required
              maxLength={2000}
              rows={3}
              value={values.lateEntryReason}
              onChange={set('lateEntryReason')}
            />
          )}
        </>
      )}
      <FormActions busy={busy} submitLabel={submitLabel(t, action)} onCancel={onCancel} />
    </Form>
  );
}

function submitLabel(t: (key: string) => string, action: OpenAction): string {
  switch (action.kind) {
    case 'edit':
    case 'shares':
      return t('common:actions.save');
    case 'add':
      return t('action.addParticipant');
    case 'remove':
      return t('action.remove');
    case 'agree':
      return t('action.agree');
    case 'focus':
      return action.focus ? t('action.designate') : t('action.undesignate');
    case 'complete':
      return t('action.complete');
  }
}
