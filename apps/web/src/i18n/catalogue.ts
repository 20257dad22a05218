// The messages of every namespace: the Korean, registered with the code, and the English, fetched
// the first time it is asked for (a namespace may be registered from more than one file).
export type Language = 'ko' | 'en';
export type Messages = { [key: string]: string | Messages };
/** A namespace's English, loaded on demand: `() => import('./messages.en')`. */
export type EnglishLoader = () => Promise<{ default: Messages }>;
/** Values put into a message (`{{name}}`), and `defaultValue`: the text when the key has none. */
export type TOptions = Record<string, unknown>;

const catalogues: Record<Language, Map<string, Messages>> = { ko: new Map(), en: new Map() };
const english = new Map<string, Set<EnglishLoader>>();
const loads = new Map<EnglishLoader, Promise<void>>();
const loaded = new Set<EnglishLoader>();
const arrivals = new Set<() => void>();

/** Calls `listener` each time an English part has arrived. */
export function onEnglish(listener: () => void): void {
  arrivals.add(listener);
}

function merge(target: Messages, source: Messages): Messages {
  for (const [key, value] of Object.entries(source)) {
    const own = target[key];
    target[key] =
      typeof value === 'object' && typeof own === 'object' ? merge({ ...own }, value) : value;
  }
  return target;
}

function add(lng: Language, namespace: string, messages: Messages): void {
  catalogues[lng].set(namespace, merge({ ...catalogues[lng].get(namespace) }, messages));
}

export function register(namespace: string, ko: Messages, en: EnglishLoader): void {
  add('ko', namespace, ko);
  english.set(namespace, (english.get(namespace) ?? new Set()).add(en));
}

export function namespaces(): Iterable<string> {
  return english.keys();
}

/** Fetches one English part once; a failed fetch (offline, a new deployment) may be tried again. */
function load(loader: EnglishLoader, namespace: string): Promise<void> {
  let promise = loads.get(loader);
  if (!promise) {
    promise = loader().then(
      (m) => {
        add('en', namespace, m.default);
        loaded.add(loader);
        for (const listener of arrivals) listener();
      },
      (err: unknown) => {
        loads.delete(loader);
        throw err;
      },
    );
    loads.set(loader, promise);
  }
  return promise;
}

/** The fetches of the namespaces' messages in `lng` not here yet (started now if need be). */
export function missing(lng: Language, of: Iterable<string>): Promise<void>[] {
  if (lng !== 'en') return [];
  return [...of].flatMap((ns) =>
    [...(english.get(ns) ?? [])].filter((l) => !loaded.has(l)).map((l) => load(l, ns)),
  );
}

function find(lng: Language, namespace: string, path: string): string | undefined {
  let node: string | Messages | undefined = catalogues[lng].get(namespace);
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The message at `key` ("section.label", or "namespace:section.label") in `lng`, else in Korean,
 * else the default value, else the key; `{{name}}` takes `options.name` (one not given stays).
 */
export function translate(
  lng: Language,
  namespace: string,
  key: string,
  options?: TOptions,
): string {
  const colon = key.indexOf(':');
  const ns = colon < 0 ? namespace : key.slice(0, colon);
  const path = colon < 0 ? key : key.slice(colon + 1);
  const fallback = options?.defaultValue;
  const text =
    find(lng, ns, path) ?? find('ko', ns, path) ?? (typeof fallback === 'string' ? fallback : path);
  if (!options) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => {
    if (!Object.hasOwn(options, name)) return match;
    const value = options[name];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
  });
}
