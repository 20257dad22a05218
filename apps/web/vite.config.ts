import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

// The web app: built to dist/web and served by the API at `/` (apps/api/src/http/web-app.ts).
// `npm run web:dev` serves it with hot reload and forwards /api to a running API on :3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
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
      // React libraries mark modules "use client" for server components; meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
