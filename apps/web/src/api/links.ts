// Links in API answers: `webUrl` is a page of this web app for a person (absolute under the
// server's PUBLIC_URL, as in e-mails), `href` the API resource. Inside the app a page is opened
// with the router, so it needs the path of the `webUrl`.

/** The app path (path, query and fragment) of a `webUrl`, absolute or already a bare path. */
export function appPath(
  webUrl: string,
  origin = globalThis.location?.origin ?? 'http://localhost',
): string {
  const url = new URL(webUrl, origin);
  return `${url.pathname}${url.search}${url.hash}`;
}
