// A record's history (who did what, when and why) as a table: used by pages whose API returns
// HistoryEntryDto[] for a record. Action names are translated by the caller's namespace
// (`history.actions.<action>`), falling back to the action itself.
import { useQuery } from '@tanstack/react-query';
import type { Schemas } from '../api/client';
import { useTranslation } from '../i18n';
import { Empty, ErrorState, HistoryReason, HistoryTime, Loading, Table } from './ui';

export type HistoryEntry = Schemas['HistoryEntryDto'];

export function RecordHistory({
  queryKey,
  load,
  namespace,
  headingId,
}: {
  queryKey: readonly unknown[];
  load: () => Promise<HistoryEntry[]>;
  /** The namespace holding `history.{title,caption,at,action,actor,reason,empty,actions.*}`. */
  namespace: string;
  headingId: string;
}) {
  const { t } = useTranslation(namespace);
  const history = useQuery({ queryKey, queryFn: load });
  return (
    <section className="gw-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('history.title')}</h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Empty>{t('history.empty')}</Empty>
      ) : (
        <Table
          caption={t('history.caption')}
          head={[t('history.at'), t('history.action'), t('history.actor'), t('history.reason')]}
        >
          {history.data.map((h) => (
            <tr key={h.id}>
              <td>
                <HistoryTime entry={h} />
              </td>
              <td>
                {t(`history.actions.${h.action}`, {
                  defaultValue: t(`common:historyActions.${h.action}`, { defaultValue: h.action }),
                })}
              </td>
              <td>{h.actorName ?? t('history.system')}</td>
              <td>
                <HistoryReason entry={h} empty="–" />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
