// Organisations (ADMIN): those it administers, with their kind and parent, and a new one below one
// of them; the system administrator also creates top-level organisations (no parent).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../app/auth';
import {
  Form,
  SelectField,
  TextField,
  useFormProblems,
  useFormValues,
} from '../../components/forms';
import { Empty, ErrorState, Loading, Notice, PageHeader, Table } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { ActiveBadge, ORGANISATION_KINDS, useOrganisations } from './shared';

type Kind = (typeof ORGANISATION_KINDS)[number];

export function OrganisationsList() {
  const { t } = useTranslation('admin');
  const { user } = useAuth();
  const location = useLocation();
  const organisations = useOrganisations();
  const names = new Map((organisations.data ?? []).map((o) => [o.id, o.name]));
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        crumbs={[{ label: t('title'), to: '/admin' }, { label: t('organisations.title') }]}
        description={
          user?.systemAdministrator
            ? t('organisations.descriptionSystem')
            : t('organisations.description')
        }
        actions={
          <Link to="/admin/organisations/new" className="krds-btn primary">
            {t('organisations.create')}
          </Link>
        }
      />
      {notice && <Notice>{notice}</Notice>}
      {organisations.isPending ? (
        <Loading />
      ) : organisations.isError ? (
        <ErrorState error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : organisations.data.length === 0 ? (
        <Empty>{t('organisations.empty')}</Empty>
      ) : (
        <Table
          caption={t('organisations.caption')}
          head={[
            t('organisations.colName'),
            t('organisations.colKind'),
            t('organisations.colParent'),
            t('organisations.colStatus'),
          ]}
        >
          {organisations.data.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{t(`organisationKind.${o.kind}`)}</td>
              <td>{o.parentId ? (names.get(o.parentId) ?? '–') : t('organisations.topLevel')}</td>
              <td>
                <ActiveBadge active={o.active} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

export function OrganisationCreate() {
  const { t } = useTranslation('admin');
  const { user } = useAuth();
  const system = !!user?.systemAdministrator;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const { values, set } = useFormValues({
    name: '',
    kind: 'LOCAL',
    parentId: system ? '' : (user?.organisationId ?? ''),
  });
  const { problems, fail, clear } = useFormProblems();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    clear();
    try {
      const created = await call(
        api.POST('/api/v1/organisations', {
          body: {
            name: values.name,
            kind: values.kind as Kind,
            // Left out: a top-level organisation (the system administrator's alone).
            ...(values.parentId ? { parentId: values.parentId } : {}),
          },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void navigate('/admin/organisations', {
        state: { notice: t('organisations.created', { name: created.name }) },
      });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('organisations.createTitle')}
        crumbs={[
          { label: t('title'), to: '/admin' },
          { label: t('organisations.title'), to: '/admin/organisations' },
          { label: t('organisations.createTitle') },
        ]}
      />
      <Form
        problems={problems}
        onSubmit={() => void submit()}
        label={t('organisations.createTitle')}
      >
        <div className="gw-form-row">
          <TextField
            name="name"
            label={t('organisations.name')}
            required
            maxLength={200}
            value={values.name}
            onChange={set('name')}
          />
          <SelectField
            name="kind"
            label={t('organisations.kind')}
            required
            value={values.kind}
            onChange={set('kind')}
            options={ORGANISATION_KINDS.map((k) => ({
              value: k,
              label: t(`organisationKind.${k}`),
            }))}
          />
          <SelectField
            name="parentId"
            label={t('organisations.parent')}
            hint={system ? t('organisations.parentHintSystem') : t('organisations.parentHint')}
            required={!system}
            value={values.parentId}
            onChange={set('parentId')}
            placeholder={system ? t('organisations.noParent') : t('organisations.choose')}
            options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </div>
        <div className="gw-form-actions">
          <button type="submit" className="krds-btn primary" disabled={busy}>
            {t('organisations.createSubmit')}
          </button>
          <Link to="/admin/organisations" className="krds-btn secondary">
            {t('common:actions.cancel')}
          </Link>
        </div>
      </Form>
    </>
  );
}
