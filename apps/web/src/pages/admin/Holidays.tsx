// 공휴일·휴무일 (issue 25): where the holiday data ends (a warning 9 months before), the declared
// national holidays and the organisation's closures with what each moved, and for ADMIN the form to
// declare one (national: the system administrator) and a withdrawal with its reason.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  RadioGroup,
  TextAreaField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import {
  Badge,
  ConfirmDialog,
  Dialog,
  Empty,
  ErrorState,
  Loading,
  Notice,
  PageHeader,
  Table,
} from '../../components/ui';
import { currentLanguage, useTranslation } from '../../i18n';
import './holidays-messages';

type Declaration = Schemas['DeclarationDto'];

export function HolidaysPage() {
  const { t } = useTranslation('holidays');
  const { hasRole } = useAuth();
  const [notice, setNotice] = useState<string | null>(null);
  const declared = useQuery({
    queryKey: ['declared-days'],
    queryFn: () => call(api.GET('/api/v1/calendar/declared-days')),
  });
  const horizon = declared.data?.horizon;
  return (
    <>
      <PageHeader
        title={t('title')}
        crumbs={[{ label: t('title', { ns: 'admin' }), to: '/admin' }, { label: t('title') }]}
        description={t('description')}
      />
      {horizon?.warning ? (
        <p className="gw-alert gw-alert--warning" role="alert">
          {horizon.warning[currentLanguage()]}
        </p>
      ) : horizon ? (
        <p className="gw-alert gw-alert--info">
          {t('horizon', { until: horizon.dataUntil, next: horizon.firstMissingYear })}
        </p>
      ) : null}
      {notice && <Notice>{notice}</Notice>}
      {declared.isPending ? (
        <Loading />
      ) : declared.isError ? (
        <ErrorState error={declared.error} onRetry={() => void declared.refetch()} />
      ) : declared.data.items.length === 0 ? (
        <Empty>{t('empty')}</Empty>
      ) : (
        <DeclarationsTable items={declared.data.items} onWithdrawn={setNotice} />
      )}
      {hasRole('ADMIN') && <DeclareForm onDeclared={setNotice} />}
    </>
  );
}

function DeclarationsTable({
  items,
  onWithdrawn,
}: {
  items: Declaration[];
  onWithdrawn: (notice: string) => void;
}) {
  const { t } = useTranslation('holidays');
  const [withdrawing, setWithdrawing] = useState<Declaration | null>(null);
  return (
    <>
      <Table
        caption={t('caption')}
        head={[
          t('colDate'),
          t('colName'),
          t('colScope'),
          t('colBasis'),
          t('colMoved'),
          t('colState'),
          '',
        ]}
      >
        {items.map((d) => (
          <tr key={d.id}>
            <td>{d.date}</td>
            <td>{d.name}</td>
            <td>{d.organisation ? t('closure', { name: d.organisation.name }) : t('national')}</td>
            <td>{d.basis}</td>
            <td>{t('movedCount', { count: d.moved })}</td>
            <td>
              {d.withdrawnAt ? (
                <Badge tone="neutral">{t('withdrawn')}</Badge>
              ) : (
                <Badge tone="info">{t('inForce')}</Badge>
              )}
            </td>
            <td>
              {d.withdrawable && (
                <button
                  type="button"
                  className="krds-btn secondary small"
                  onClick={() => setWithdrawing(d)}
                >
                  {t('withdraw')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {withdrawing && (
        <WithdrawDialog
          declaration={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={(notice) => {
            setWithdrawing(null);
            onWithdrawn(notice);
          }}
        />
      )}
    </>
  );
}

function WithdrawDialog({
  declaration,
  onClose,
  onDone,
}: {
  declaration: Declaration;
  onClose: () => void;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation('holidays');
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const done = await call(
        api.POST('/api/v1/calendar/declared-days/{id}/withdraw', {
          params: { path: { id: declaration.id } },
          body: { reason },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['declared-days'] });
      onDone(t('withdrawnNotice', { count: done.moved.total }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={t('withdrawTitle', { date: declaration.date, name: declaration.name })}
      onClose={onClose}
    >
      <p>{t('withdrawConsequence')}</p>
      <Form problems={problems} onSubmit={() => void submit()} label={t('withdraw')}>
        <TextAreaField
          name="reason"
          label={t('reason')}
          hint={t('reasonHint')}
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('withdrawSubmit')}
          </button>
          <button type="button" className="krds-btn secondary" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}

function DeclareForm({ onDeclared }: { onDeclared: (notice: string) => void }) {
  const { t } = useTranslation('holidays');
  const { user } = useAuth();
  const system = !!user?.systemAdministrator;
  const queryClient = useQueryClient();
  const empty = {
    scope: system ? 'NATIONAL' : 'ORGANISATION',
    date: '',
    name: '',
    basis: '',
    reason: '',
  };
  const { values, set, setValues } = useFormValues(empty);
  const { problems, fail, clear } = useFormProblems();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setConfirming(false);
    setBusy(true);
    clear();
    try {
      const done = await call(
        api.POST('/api/v1/calendar/declared-days', {
          body: {
            scope: values.scope as 'NATIONAL' | 'ORGANISATION',
            date: values.date,
            name: values.name,
            basis: values.basis,
            reason: values.reason,
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['declared-days'] });
      setValues(empty);
      onDeclared(t('declaredNotice', { count: done.moved.total }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="declare-title" className="gw-section">
      <h2 id="declare-title">{t('declareTitle')}</h2>
      <Form problems={problems} onSubmit={() => setConfirming(true)} label={t('declareTitle')}>
        {system && (
          <RadioGroup
            name="scope"
            legend={t('scope')}
            layout="row"
            value={values.scope}
            onChange={(scope) => setValues((v) => ({ ...v, scope }))}
            options={[
              { value: 'NATIONAL', label: t('scopeNational') },
              { value: 'ORGANISATION', label: t('scopeOrganisation') },
            ]}
          />
        )}
        <div className="gw-form-row">
          <TextField
            name="date"
            type="date"
            label={t('date')}
            hint={t('dateHint')}
            required
            value={values.date}
            onChange={set('date')}
          />
          <TextField
            name="name"
            label={t('name')}
            hint={t('nameHint')}
            required
            maxLength={100}
            value={values.name}
            onChange={set('name')}
          />
        </div>
        <TextField
          name="basis"
          label={t('basis')}
          hint={t('basisHint')}
          required
          maxLength={500}
          value={values.basis}
          onChange={set('basis')}
        />
        <TextAreaField
          name="reason"
          label={t('reason')}
          hint={t('reasonHint')}
          required
          maxLength={1000}
          value={values.reason}
          onChange={set('reason')}
        />
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('declareSubmit')}
          </button>
        </div>
      </Form>
      <ConfirmDialog
        open={confirming}
        title={t('declareTitle')}
        consequence={t('declareConsequence', { date: values.date })}
        confirmLabel={t('declareSubmit')}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
