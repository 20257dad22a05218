// Picks a person by name or department (no UUIDs typed): a search field, and each match as a
// button that picks them. Who can be found is the caller's business (`search`).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '../i18n';
import { TextField } from './forms';

export interface PickablePerson {
  id: string;
  name: string;
  departmentName: string;
}

export function PersonPicker({
  name,
  label,
  hint,
  error,
  exclude = [],
  queryKey,
  search,
  onPick,
  pickLabel,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Ids not offered (already chosen). */
  exclude?: readonly string[];
  queryKey: readonly unknown[];
  search: (q: string) => Promise<PickablePerson[]>;
  onPick: (person: PickablePerson) => void;
  /** The button's text for a person, e.g. "김민지 (복지정책과) 언급". */
  pickLabel: (person: PickablePerson) => string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = q.trim();
  const found = useQuery({
    queryKey: [...queryKey, query],
    queryFn: () => search(query),
    enabled: query.length > 0,
    staleTime: 60_000,
  });
  const candidates = (found.data ?? []).filter((p) => !exclude.includes(p.id));
  return (
    <div className="gw-person-picker">
      <TextField
        name={name}
        type="search"
        label={label}
        hint={hint}
        error={error}
        maxLength={50}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {query && found.data && (
        <ul className="gw-mention-results" aria-live="polite">
          {candidates.length === 0 ? (
            <li className="gw-subtle">{t('picker.nobody')}</li>
          ) : (
            candidates.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="krds-btn secondary small"
                  onClick={() => {
                    onPick(p);
                    setQ('');
                  }}
                >
                  {pickLabel(p)}
                </button>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
