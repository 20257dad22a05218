// A task's members and partner departments, changed by those who plan it: people picked by name or
// department, departments from the organisation's list (no ids typed).
import { useState } from 'react';
import { api, call } from '../../api/client';
import { SelectField } from '../../components/forms';
import { PersonPicker } from '../../components/PersonPicker';
import { ErrorState } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { useDepartments } from '../admin/shared';
import type { Task } from './shared';
import './messages';

export function TaskPeople({
  task,
  onChanged,
  announce,
}: {
  task: Task;
  onChanged: (updated: Task) => void;
  announce: (text: string) => void;
}) {
  const { t } = useTranslation('tasks');
  const departments = useDepartments(undefined);
  const [failed, setFailed] = useState<unknown>(null);
  const [partner, setPartner] = useState('');
  const path = { id: task.id };
  const run = async (action: () => Promise<Task>, done: string) => {
    setFailed(null);
    try {
      onChanged(await action());
      announce(done);
    } catch (err) {
      setFailed(err);
    }
  };
  const taken = new Set([
    task.leadDepartmentId,
    ...task.partnerDepartments.map((p) => p.departmentId),
  ]);
  const options = (departments.data ?? [])
    .filter((d) => d.active && !taken.has(d.id))
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <section className="gwt-section" aria-labelledby="task-people-heading">
      <h2 id="task-people-heading">{t('people.heading')}</h2>
      {failed !== null && <ErrorState error={failed} />}
      <h3>{t('detail.members')}</h3>
      <ul className="gw-chips" aria-label={t('detail.members')}>
        {task.members.map((m) => (
          <li key={m.userId}>
            <span>
              {m.name} ({m.departmentName})
            </span>{' '}
            <button
              type="button"
              className="krds-btn tertiary xsmall"
              aria-label={t('people.removeMember', { name: m.name })}
              onClick={() =>
                void run(
                  () =>
                    call(
                      api.DELETE('/api/v1/tasks/{id}/members/{userId}', {
                        params: { path: { ...path, userId: m.userId } },
                      }),
                    ),
                  t('people.memberRemoved', { name: m.name }),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <PersonPicker
        name="memberSearch"
        label={t('people.findMember')}
        hint={t('people.findMemberHint')}
        exclude={[task.ownerId, ...task.members.map((m) => m.userId)]}
        queryKey={['people']}
        search={(q) => call(api.GET('/api/v1/people', { params: { query: { q } } }))}
        pickLabel={(p) => t('people.addMember', { name: p.name, department: p.departmentName })}
        onPick={(p) =>
          void run(
            () =>
              call(
                api.POST('/api/v1/tasks/{id}/members', {
                  params: { path },
                  body: { userId: p.id },
                }),
              ),
            t('people.memberAdded', { name: p.name }),
          )
        }
      />
      <h3>{t('detail.partners')}</h3>
      <ul className="gw-chips" aria-label={t('detail.partners')}>
        {task.partnerDepartments.map((p) => (
          <li key={p.departmentId}>
            <span>{p.name}</span>{' '}
            <button
              type="button"
              className="krds-btn tertiary xsmall"
              aria-label={t('people.removePartner', { name: p.name })}
              onClick={() =>
                void run(
                  () =>
                    call(
                      api.DELETE('/api/v1/tasks/{id}/partners/{departmentId}', {
                        params: { path: { ...path, departmentId: p.departmentId } },
                      }),
                    ),
                  t('people.partnerRemoved', { name: p.name }),
                )
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="gw-inline-form">
        <SelectField
          name="partnerDepartment"
          label={t('people.choosePartner')}
          placeholder={t('people.choose')}
          options={options}
          value={partner}
          onChange={(e) => setPartner(e.target.value)}
        />
        <button
          type="button"
          className="krds-btn secondary small"
          disabled={!partner}
          onClick={() => {
            const name = options.find((o) => o.value === partner)?.label ?? '';
            setPartner('');
            void run(
              () =>
                call(
                  api.POST('/api/v1/tasks/{id}/partners', {
                    params: { path },
                    body: { departmentId: partner },
                  }),
                ),
              t('people.partnerAdded', { name }),
            );
          }}
        >
          {t('people.addPartner')}
        </button>
      </div>
    </section>
  );
}
