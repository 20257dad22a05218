import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Every link an e-mail carries must open a page of the web app (issue 16 §5). The links are the
// `path` each reminder source gives its records (`'/tasks/' || t.id AS path` in its describe SQL, or
// `path: '/dashboards'` in code) plus the settings link; each is matched against the routes of
// apps/web/src/app/routes.tsx. New sources (any `*-reminders.ts` under libs/) are covered as added.

const root = join(import.meta.dirname, '../../..');
const SAMPLE_ID = '0b9a4c3e-2f41-4d7a-9a55-5f1c2d3e4f50';

function files(dir: string, match: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(path, match);
    return match(e.name) ? [path] : [];
  });
}

/** The sample links (ids filled in) each reminder source file builds, by file. */
function reminderLinks(): Array<{ file: string; link: string }> {
  const found: Array<{ file: string; link: string }> = [];
  const sources = files(join(root, 'libs'), (n) => /-reminders\.ts$/.test(n));
  for (const file of sources) {
    const code = readFileSync(file, 'utf8');
    const at = relative(root, file);
    // SQL: a concatenation of string literals and expressions, ending in `AS path`, or one such
    // concatenation per branch of `CASE … THEN <link> … ELSE <link> END AS path`.
    const concat = String.raw`'[^']*'(?:\s*\|\|\s*(?:'[^']*'|[\w.]+(?:\([^()]*\))?))*`;
    const sample = (expr: string) =>
      expr
        .split(/\s*\|\|\s*/)
        .map((part) => (part.startsWith("'") ? part.slice(1, -1) : SAMPLE_ID))
        .join('');
    for (const m of code.matchAll(new RegExp(`(${concat})\\s+AS\\s+path\\b`, 'gi')))
      found.push({ file: at, link: sample(m[1]) });
    for (const m of code.matchAll(/\bCASE\b((?:(?!\bEND\b)[\s\S])*)\bEND\s+AS\s+path\b/gi))
      for (const b of m[1].matchAll(new RegExp(`\\b(?:THEN|ELSE)\\s+(${concat})`, 'gi')))
        found.push({ file: at, link: sample(b[1]) });
    // Code: `path: '/…'` or `path: \`/…${id}\``.
    for (const m of code.matchAll(/\bpath:\s*(['`])(\/[^'`]*)\1/g))
      found.push({ file: at, link: m[2].replace(/\$\{[^}]*\}/g, SAMPLE_ID) });
  }
  return found;
}

/** The web app's routes (react-router paths under the signed-in layout), as regular expressions. */
function webRoutes(): RegExp[] {
  const code = readFileSync(join(root, 'apps/web/src/app/routes.tsx'), 'utf8');
  return [...code.matchAll(/\bpath:\s*'([^']+)'/g)]
    .map((m) => m[1].replace(/^\//, ''))
    .filter((p) => p !== '*')
    .map((p) => {
      const pattern = p
        .split('/')
        .map((seg) =>
          seg === '*'
            ? '.*'
            : seg.startsWith(':')
              ? '[^/]+'
              : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      return new RegExp(`^/${pattern}$`);
    });
}

const opens = (routes: RegExp[], link: string) => {
  const path = link.split(/[?#]/)[0];
  return routes.some((r) => r.test(path));
};

describe('links in e-mails', () => {
  const routes = webRoutes();

  it('reads the web routes and every reminder source’s link', () => {
    expect(routes.length).toBeGreaterThan(20);
    // One link at least per source file: a source whose link this check cannot read fails here.
    const links = reminderLinks();
    const sources = files(join(root, 'libs'), (n) => /-reminders\.ts$/.test(n)).map((f) =>
      relative(root, f),
    );
    expect(sources.length).toBeGreaterThanOrEqual(9);
    for (const file of sources) expect(links.map((l) => l.file)).toContain(file);
  });

  it('open a page of the web app, for every reminder source and the settings link', () => {
    const delivery = readFileSync(join(import.meta.dirname, 'email-delivery.service.ts'), 'utf8');
    const settings = [...delivery.matchAll(/webUrl\(this\.config, '([^']+)'\)/g)].map((m) => ({
      file: 'email-delivery.service.ts',
      link: m[1],
    }));
    expect(settings).toHaveLength(1);
    const links = [...reminderLinks(), ...settings];
    const broken = links.filter((l) => !opens(routes, l.link));
    expect(broken).toEqual([]);
  });

  it('would catch a link to a page the web app does not have', () => {
    expect(opens(routes, `/collaborations/${SAMPLE_ID}?sos=${SAMPLE_ID}`)).toBe(true);
    expect(opens(routes, `/collaborations/${SAMPLE_ID}/sos/${SAMPLE_ID}`)).toBe(false);
    expect(opens(routes, '/settings')).toBe(false);
  });
});
