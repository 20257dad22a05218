import type { AppConfig } from './app-config.js';

/**
 * The web app's page at `path` (e.g. `/tasks/<id>`) for a person to open: absolute under
 * `publicUrl` (PUBLIC_URL, the base of every link in e-mails too), or the bare path when no public
 * base URL is configured. Answers that point at a record give this as `webUrl`, next to `href`,
 * the API resource's path.
 */
export function webUrl(config: Pick<AppConfig, 'publicUrl'>, path: string): string {
  const base = (config.publicUrl ?? '').trim().replace(/\/+$/, '');
  const page = path.startsWith('/') ? path : `/${path}`;
  return `${base}${page}`;
}
