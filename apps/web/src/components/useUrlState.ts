// A list page's filters kept in the URL (so a filtered list can be bookmarked and shared). The
// first visit (no filters in the URL) puts the defaults there, so the URL says what is shown;
// `f=1` marks a URL whose filters were chosen.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

/** The parameter that marks filters as chosen (by the user or as the defaults). */
export const CHOSEN = 'f';

export function useUrlFilters<F>({
  parse,
  toParams,
  defaults,
}: {
  parse: (sp: URLSearchParams) => F;
  /** The URL for filters and a page offset; must set `CHOSEN`. */
  toParams: (filters: F, offset?: number) => URLSearchParams;
  defaults: F;
}) {
  const [sp, setSp] = useSearchParams();
  const chosen = sp.has(CHOSEN);
  const defaultParams = toParams(defaults).toString();

  useEffect(() => {
    if (!chosen) setSp(new URLSearchParams(defaultParams), { replace: true });
  }, [chosen, defaultParams, setSp]);

  const filters = parse(sp);
  return {
    /** The URL's parameters (their string is a good query and form key). */
    sp,
    chosen,
    filters,
    offset: Math.max(0, Number(sp.get('offset') ?? 0) || 0),
    /** The URL shows the defaults (so a page can say what they are). */
    atDefaults: chosen && defaultParams === sp.toString(),
    apply: (next: F) => setSp(toParams(next)),
    reset: () => setSp(new URLSearchParams(defaultParams)),
    setOffset: (next: number) => setSp(toParams(filters, next)),
  };
}
