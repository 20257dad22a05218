import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@gwaje/config';

/** Paths the web app never answers (the API, health, the queue board): their 404 stays JSON. */
const SERVER_PATHS = /^\/(api|health|admin\/queues)(\/|$)/;

/**
 * Serves the built web app at `/`: its hashed assets (cached for a year) from `/assets/`, and
 * index.html for every other GET outside the API, so a deep link such as /tasks/… opens the app.
 * Files are looked up on each request, not listed at start, so a new build is served at once (an
 * open tab asking for a chunk the new build no longer has gets a 404 and reloads itself). Each
 * text file is sent as the brotli or gzip copy the build wrote beside it when the browser accepts
 * one. Loaded on demand: @fastify/static cannot be loaded by the Jest tests (the browser tests run
 * the built API). Without a build the API starts anyway and says how to build it.
 */
export async function registerWebApp(app: NestFastifyApplication, config: AppConfig) {
  const root = resolve(config.http.webRoot);
  if (!existsSync(resolve(root, 'index.html'))) {
    new Logger('WebApp').warn(`No web app at ${root}: run \`npm run build:web\` to serve it at /`);
    return;
  }
  const { default: fastifyStatic } = await import('@fastify/static');
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    serve: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, path) => {
      void res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  fastify.get('/assets/*', (request, reply) =>
    reply.sendFile(`assets/${(request.params as Record<string, string>)['*']}`),
  );
  const index = (_request: unknown, reply: { sendFile: (f: string) => unknown }) =>
    reply.sendFile('index.html');
  fastify.get('/', index);
  fastify.get('/*', (request, reply) =>
    SERVER_PATHS.test(request.url) ? reply.callNotFound() : reply.sendFile('index.html'),
  );
}
