// Choosing an organisation and one of its departments from the directory of organisations
// (GET /directory/organisations, for the 적극행정 전담부서): a search field that narrows a native
// select of active organisations by name (each with the organisation above it), and a select of
// the chosen organisation's active departments. Native selects keep KRDS's form-select look and
// full keyboard and screen-reader support; the search field's hint announces how many match.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { SelectField, TextField } from '../../components/forms';
import { useTranslation } from '../../i18n';
import './messages';

export interface PickedOrganisation {
  id: string;
  name: string;
}

/** How many organisations the select offers at once; the search narrows the rest. */
const PAGE = 100;

/** The text after a short pause, so typing does not send a request per key. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function OrganisationPicker({
  name,
  label,
  hint,
  required,
  error,
  value,
  onChange,
  exclude = [],
}: {
  /** The API's field path (its messages are shown under the select). */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  error?: string;
  value: PickedOrganisation | null;
  onChange: (next: PickedOrganisation | null) => void;
  /** Organisations not to offer (e.g. those already taking part). */
  exclude?: readonly string[];
}) {
  const { t } = useTranslation('collaborations');
  const [search, setSearch] = useState('');
  const q = useSettled(search.trim()).slice(0, 100);
  const list = useQuery({
    queryKey: ['directory', 'organisations', q],
    queryFn: () =>
      call(
        api.GET('/api/v1/directory/organisations', {
          params: { query: { ...(q ? { q } : {}), limit: PAGE, offset: 0 } },
        }),
      ),
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
  const items = (list.data?.items ?? []).filter((o) => !exclude.includes(o.id));
  const options = items.map((o) => ({
    value: o.id,
    label: o.parent ? t('picker.withParent', { name: o.name, parent: o.parent.name }) : o.name,
  }));
  // The chosen organisation stays offered while another search is shown.
  if (value && !options.some((o) => o.value === value.id))
    options.unshift({ value: value.id, label: value.name });
  const total = list.data?.total ?? 0;
  const status = list.isError
    ? t('picker.failed')
    : list.data
      ? total > items.length
        ? t('picker.some', { shown: items.length, total })
        : t('picker.all', { count: items.length })
      : t('picker.loading');

  return (
    <div className="gw-co-picker">
      <TextField
        name={`${name}Search`}
        type="search"
        label={t('picker.search', { label })}
        hint={<span aria-live="polite">{status}</span>}
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <SelectField
        name={name}
        label={label}
        hint={hint}
        required={required}
        error={error}
        value={value?.id ?? ''}
        onChange={(e) => {
          const picked = items.find((o) => o.id === e.target.value);
          onChange(
            picked
              ? { id: picked.id, name: picked.name }
              : value && value.id === e.target.value
                ? value
                : null,
          );
        }}
        placeholder={t('picker.chooseOrganisation')}
        options={options}
      />
    </div>
  );
}

/** The active departments of the chosen organisation. */
export function DepartmentPicker({
  name,
  label,
  required,
  error,
  organisationId,
  value,
  onChange,
}: {
  name: string;
  label: string;
  required?: boolean;
  error?: string;
  organisationId: string | null;
  value: string;
  onChange: (departmentId: string) => void;
}) {
  const { t } = useTranslation('collaborations');
  const departments = useQuery({
    queryKey: ['directory', 'departments', organisationId],
    queryFn: () =>
      call(
        api.GET('/api/v1/directory/organisations/{id}/departments', {
          params: { path: { id: organisationId ?? '' } },
        }),
      ),
    enabled: !!organisationId,
    staleTime: 5 * 60_000,
  });
  const none = departments.isSuccess && departments.data.length === 0;
  return (
    <SelectField
      name={name}
      label={label}
      required={required}
      error={error}
      disabled={!organisationId || none}
      hint={none ? t('picker.noDepartments') : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={organisationId ? t('picker.chooseDepartment') : t('picker.organisationFirst')}
      options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
