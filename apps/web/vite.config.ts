import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: built to dist/web and served by the API at `/` (apps/api/src/http/web-app.ts).
// `npm run web:dev` serves it with hot reload and forwards /api to a running API on :3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
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
