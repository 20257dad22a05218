import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildOnce } from './support/build.js';

/**
 * What a first visit downloads (issue 23): the built web app's entry with everything it imports
 * and the chunks of the first page (login, 나의 업무), read from Vite's manifest of the build the
 * API serves, counted as the server sends them (the gzip copy the build writes beside each text
 * file). Fonts and images are counted apart: they are compressed formats already.
 */
const WEB = join('dist', 'web');
/**
 * The bytes of a first visit's code (JS, CSS, HTML) over gzip, at most: issue 23's 150 KB. Of it
 * React, React DOM and React Router are about 97 KiB; see the README.
 */
const FIRST_LOAD_CODE_LIMIT = 150 * 1000;
const KRDS_CSS = join('node_modules', 'krds-uiux', 'resources', 'css');

/** A source map: the sources a built chunk was made from. */
interface SourceMap {
  sources: string[];
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
  assets?: string[];
}

describe('first visit of the web app (the build the server serves)', () => {
  let manifest: Record<string, ManifestChunk>;
  beforeAll(async () => {
    await buildOnce('web');
    manifest = JSON.parse(readFileSync(join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      ManifestChunk
    >;
  }, 120_000);

  /** The files a page needs at its first load: the entry's and the page's, with their imports. */
  const firstLoad = (page: string) => {
    const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
    const pageKey = Object.keys(manifest).find((k) => k.endsWith(page));
    expect(pageKey).toBeDefined();
    const files = new Set<string>(['index.html']);
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      files.add(chunk.file);
      for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
      for (const i of chunk.imports ?? []) visit(i);
    };
    visit(entry);
    visit(pageKey!);
    return [...files];
  };

  /** Bytes on the wire: the gzip (or brotli) copy of a text file when there is one, else the file. */
  const sent = (file: string, encoding: 'gz' | 'br' = 'gz') => {
    const copy = join(WEB, `${file}.${encoding}`);
    return readFileSync(existsSync(copy) ? copy : join(WEB, file)).length;
  };

  /** The class names in a stylesheet's selectors. */
  const classesOf = (css: string) =>
    new Set(
      [...css.replace(/url\([^)]*\)/g, '').matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map((m) => m[1]),
    );

  /** The class names the app's components write out (className="…", {`…`}, {'…'}). */
  const classesInSource = (dir = join('apps', 'web', 'src'), found = new Set<string>()) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) classesInSource(path, found);
      else if (entry.name.endsWith('.tsx')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/className=(?:"([^"]*)"|\{`([^`]*)`\}|\{'([^']*)'\})/g)) {
          const value = (m[1] ?? m[2] ?? m[3]).replace(/\$\{[^}]*\}/g, ' ');
          for (const word of value.split(/\s+/)) if (/^[a-z][\w-]*$/.test(word)) found.add(word);
        }
      }
    }
    return found;
  };

  it('writes a brotli and a gzip copy of every text file of 1 KB or more, the same content', () => {
    const texts = Object.values(manifest)
      .flatMap((c) => [c.file, ...(c.css ?? [])])
      .filter((f) => /\.(js|css)$/.test(f) && readFileSync(join(WEB, f)).length >= 1024);
    expect(texts.length).toBeGreaterThan(20);
    for (const file of texts) {
      expect({ file, br: existsSync(join(WEB, `${file}.br`)) }).toEqual({ file, br: true });
      const original = readFileSync(join(WEB, file));
      expect(gunzipSync(readFileSync(join(WEB, `${file}.gz`))).equals(original)).toBe(true);
    }
  });

  it.each([
    ['the login page', 'src/pages/login/LoginPage.tsx'],
    ['나의 업무', 'src/pages/my-work/MyWorkPage.tsx'],
  ])('%s: its code sent within the limit, charts and English not among it', (_name, page) => {
    const files = firstLoad(page);
    const code = files.filter((f) => /\.(js|css|html)$/.test(f));
    const media = files.filter((f) => !/\.(js|css|html)$/.test(f));
    const codeBytes = code.reduce((sum, f) => sum + sent(f), 0);
    const brotliBytes = code.reduce((sum, f) => sum + sent(f, 'br'), 0);
    const cssBytes = code.filter((f) => f.endsWith('.css')).reduce((sum, f) => sum + sent(f), 0);
    const mediaBytes = media.reduce((sum, f) => sum + sent(f), 0);
    console.log(
      `${page}: ${code.length} code files ${(codeBytes / 1024).toFixed(1)} KiB gzip ` +
        `(CSS ${(cssBytes / 1024).toFixed(1)} KiB; brotli ${(brotliBytes / 1024).toFixed(1)} KiB), ` +
        `${media.length} fonts and images ${(mediaBytes / 1024).toFixed(1)} KiB`,
    );
    expect(codeBytes).toBeLessThanOrEqual(FIRST_LOAD_CODE_LIMIT);
    // The dashboard's chart library (recharts) loads with the dashboard only.
    const dashboard = manifest[Object.keys(manifest).find((k) => k.includes('DashboardPage'))!];
    expect(code).not.toContain(dashboard.file);
    const sources = code
      .filter((f) => f.endsWith('.js'))
      .flatMap(
        (f) => (JSON.parse(readFileSync(join(WEB, `${f}.map`), 'utf8')) as SourceMap).sources,
      );
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((s) => s.includes('node_modules/recharts/'))).toEqual([]);
    // English messages come when the user reads English; Korean is the default.
    expect(sources.filter((s) => /\.en\.ts$/.test(s))).toEqual([]);
  });

  it("keeps of KRDS's CSS the rules of the classes the app writes, not the components it does not use", () => {
    const krds = ['token/krds_tokens.css', 'common/common.css', 'component/component.css']
      .map((f) => readFileSync(join(KRDS_CSS, f), 'utf8'))
      .join('\n');
    const entry = Object.values(manifest).find((c) => c.isEntry)!;
    const built = (entry.css ?? []).map((f) => readFileSync(join(WEB, f), 'utf8')).join('\n');
    const inKrds = classesOf(krds);
    const inBuild = classesOf(built);
    const used = [...classesInSource()].filter((c) => inKrds.has(c));
    // krds-btn, krds-input, krds-form-select, krds-table-wrap, krds-pagination, page-link, tbl…
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((c) => !inBuild.has(c))).toEqual([]);
    // The current page's link (NavLink adds `active` at run time) keeps KRDS's pagination style.
    expect(built).toMatch(/\.page-link\.active\b/);
    // Components the app does not use are gone, and with them most of the 600 KB.
    for (const unused of ['krds-modal', 'krds-accordion', 'krds-calendar-area', 'krds-step-wrap']) {
      expect({ unused, inKrds: inKrds.has(unused), kept: inBuild.has(unused) }).toEqual({
        unused,
        inKrds: true,
        kept: false,
      });
    }
    expect(built.length).toBeLessThan(krds.length / 4);
  });
});
