// What the 협업과제 pages share: API types, the focus and delay badges, the detail query and the
// organisations of the list's filters (those of the collaborations the user reads, which every
// reader may name; registration picks from the directory of organisations, DirectoryPickers).
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Badge } from '../../components/ui';
import { useTranslation } from '../../i18n';
import './messages';
import './collaborations.css';

export type Collaboration = Schemas['CollaborationDto'];
export type CollaborationSummary = Schemas['CollaborationSummaryDto'];
export type Participant = Collaboration['participants'][number];
export type MilestoneShare = Collaboration['milestones'][number];
export type CollaborationAction = 'edit' | 'agree' | 'designateFocus' | 'completeShare';

export const collaborationKey = (id: string) => ['collaborations', id] as const;

export function useCollaboration(id: string) {
  return useQuery({
    queryKey: collaborationKey(id),
    queryFn: () => call(api.GET('/api/v1/collaborations/{id}', { params: { path: { id } } })),
  });
}

export const allows = (c: Collaboration, action: CollaborationAction) =>
  (c.allowedActions as string[]).includes(action);

/** 중점 협업과제 / 기관관리, in words. */
export function FocusBadge({ focus }: { focus: boolean }) {
  const { t } = useTranslation('collaborations');
  return <Badge tone={focus ? 'info' : 'neutral'}>{t(`focus.${String(focus)}`)}</Badge>;
}

/** 지연 (with the milestones past due) or 정상. */
export function DelayBadge({ task }: { task: CollaborationSummary['task'] }) {
  const { t } = useTranslation('collaborations');
  if (!task.delayed) return <Badge tone="success">{t('list.onTrack')}</Badge>;
  return (
    <Badge tone="danger">
      {task.overdueMilestones > 0
        ? t('list.delayValue', { count: task.overdueMilestones })
        : t('list.delayPlain')}
    </Badge>
  );
}

export interface OrganisationOption {
  value: string;
  label: string;
}

/**
 * Organisations a user may name without typing an ID: an administrator's organisations, the
 * coordinators and leads of the collaborations the user reads, and (given) a task's partner
 * departments' organisations; sorted by name.
 */
export function useKnownOrganisations(extra: ReadonlyArray<{ id: string; name: string }> = []) {
  const { hasRole } = useAuth();
  const admin = hasRole('ADMIN');
  const administered = useQuery({
    queryKey: ['organisations', 'options'],
    queryFn: () => call(api.GET('/api/v1/organisations')),
    enabled: admin,
    staleTime: 5 * 60_000,
  });
  const collaborations = useQuery({
    queryKey: ['collaborations', 'list', 'organisations'],
    queryFn: () =>
      call(api.GET('/api/v1/collaborations', { params: { query: { limit: 200, offset: 0 } } })),
    staleTime: 5 * 60_000,
  });
  const byId = new Map<string, string>();
  for (const o of extra) byId.set(o.id, o.name);
  for (const c of collaborations.data?.items ?? []) {
    byId.set(c.coordinatorOrganisation.id, c.coordinatorOrganisation.name);
    byId.set(c.leadOrganisation.id, c.leadOrganisation.name);
  }
  for (const o of administered.data ?? []) if (o.active) byId.set(o.id, o.name);
  const options: OrganisationOption[] = [...byId]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'ko'));
  return { options, loading: collaborations.isPending };
}
