import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import purgeCss from '@fullhuman/postcss-purgecss';
import type { Plugin as PostcssPlugin, Root } from 'postcss';
import { defineConfig, type Plugin } from 'vite';

/** Text files the server sends compressed; fonts (woff2) and images are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, once at build
 * time at the highest levels; the API sends the copy the browser accepts (@fastify/static's
 * preCompressed), so no request pays for compressing.
 */
function precompress(): Plugin {
  return {
    name: 'gwaje-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(file) || file.startsWith('.vite/')) continue;
        const path = join(options.dir!, file);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(data, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

const SRC = fileURLToPath(new URL('./src', import.meta.url));
/** The stylesheet that brings in KRDS: its tokens, common and component CSS (818 KB in all). */
const KRDS_CSS = join(SRC, 'styles', 'krds.css');

/**
 * What the app's code does not write but the page has at run time: React Router's NavLink marks
 * the current link with the class `active` (`pending`, `transitioning` while loading) and
 * aria-current; a native <dialog> gets [open] when shown.
 */
const RUNTIME_CLASSES = ['active', 'pending', 'transitioning'];
const RUNTIME_ATTRIBUTES = ['aria-current', 'open'];

/** The custom properties (`--krds-…`) that the app's own CSS and components use. */
function customPropertiesUsedBySource(dir = SRC, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) customPropertiesUsedBySource(path, found);
    else if (/\.(css|tsx?)$/.test(entry.name) && path !== KRDS_CSS) {
      for (const m of readFileSync(path, 'utf8').matchAll(/--krds-[\w-]+/g)) found.add(m[0]);
    }
  }
  return found;
}

/** `names` and every custom property their definitions in `root` refer to, however deep. */
function withDependencies(root: Root, names: Set<string>): string[] {
  const refs = new Map<string, string[]>();
  root.walkDecls(/^--/, (decl) => {
    const own = refs.get(decl.prop) ?? [];
    for (const m of decl.value.matchAll(/var\(\s*(--[\w-]+)/g)) own.push(m[1]);
    refs.set(decl.prop, own);
  });
  const keep = new Set<string>();
  const queue = [...names];
  while (queue.length) {
    const name = queue.pop()!;
    if (keep.has(name)) continue;
    keep.add(name);
    queue.push(...(refs.get(name) ?? []));
  }
  return [...keep];
}

/**
 * KRDS's CSS cut to what the app uses (issue 23: a first visit within 150 KB), at build time: of
 * src/styles/krds.css (KRDS's three stylesheets, inlined) PurgeCSS keeps the rules whose classes,
 * ids, tags and attributes appear as words in index.html or the app's source (so a class written
 * in a template string, `page-link${current ? ' active' : ''}`, counts), plus RUNTIME_*; then the
 * custom properties those rules and our own CSS use, and unused keyframes go. A KRDS class used
 * only in a new component needs nothing more; one put together from pieces at run time
 * (`krds-${name}`) must be written out in full somewhere or added to RUNTIME_CLASSES. Our own CSS
 * (app.css, the pages') is left whole. The dev server skips this, so a class is styled at once.
 */
function purgeKrds(): PostcssPlugin {
  return {
    postcssPlugin: 'gwaje-purge-krds',
    async OnceExit(root, helpers) {
      if (root.source?.input.file !== KRDS_CSS) return;
      const purge = purgeCss({
        content: [fileURLToPath(new URL('./index.html', import.meta.url)), `${SRC}/**/*.{ts,tsx}`],
        skippedContentGlobs: ['**/api/schema.d.ts', '**/*.spec.ts'],
        safelist: {
          standard: RUNTIME_CLASSES,
          variables: withDependencies(root, customPropertiesUsedBySource()),
        },
        dynamicAttributes: RUNTIME_ATTRIBUTES,
        variables: true,
        keyframes: true,
      }) as PostcssPlugin;
      await purge.OnceExit!(root, helpers);
    },
  };
}

// The web app: built to dist/web and served by the API at `/` (apps/api/src/http/web-app.ts).
// `npm run web:dev` serves it with hot reload and forwards /api to a running API on :3000.
export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  css: { postcss: { plugins: command === 'build' ? [purgeKrds()] : [] } },
  resolve: {
    alias: [
      // krds-uiux 1.1.0's component.css points its icons at ../../img/img/…, one folder too deep.
      {
        find: /^\.\.\/\.\.\/img\/img\//,
        replacement: fileURLToPath(
          new URL('../../node_modules/krds-uiux/resources/img/', import.meta.url),
        ),
      },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The chunk graph, read by the test that measures what a first visit downloads.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Everything the entry imports in one chunk: split in three (as the default does) it loads
      // the same code in 2.4 KB more gzip (issue 23). Pages keep their own chunks.
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
      // React libraries mark modules "use client" for server components; meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
}));
