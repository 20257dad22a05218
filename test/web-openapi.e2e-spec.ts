import { readFileSync } from 'node:fs';
import { useTestApi } from './support/app.js';

/**
 * The web app's API types are generated from the OpenAPI document (apps/web/src/api/). A change
 * to a DTO or route without regenerating them would let the web app compile against an API that
 * no longer exists, so this fails until `npm run web:types` is run.
 */
describe('web app API types', () => {
  const { http } = useTestApi();

  it('were generated from the API as it is now', async () => {
    const live = (await http.get('/api/docs-json')).body;
    const committed = JSON.parse(readFileSync('apps/web/src/api/openapi.json', 'utf8'));
    expect(JSON.stringify(committed, null, 2)).toBe(JSON.stringify(live, null, 2));
  });
});
