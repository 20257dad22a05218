import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@gwaje/config';

/** Paths the web app never answers (the API, health, the queue board): their 404 stays JSON. */
const SERVER_PATHS = /^\/(api|health|admin\/queues)(\/|$)/;

/**
 * Serves the built web app at `/`: its files as they are (hashed assets cached for a year), and
 * index.html for every other GET outside the API, so a deep link such as /tasks/… opens the app.
 * Loaded on demand: @fastify/static cannot be loaded by the Jest tests (the browser tests run the
 * built API). Without a build the API starts anyway and says how to build it.
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
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      void res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const index = (_request: unknown, reply: { sendFile: (f: string) => unknown }) =>
    reply.sendFile('index.html');
  fastify.get('/', index);
  fastify.get('/*', (request, reply) =>
    SERVER_PATHS.test(request.url) ? reply.callNotFound() : reply.sendFile('index.html'),
  );
}
