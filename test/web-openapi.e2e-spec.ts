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

  it('declare every tag the operations use, none unused, each in Korean and English', async () => {
    const live = (await http.get('/api/docs-json')).body as {
      tags: Array<{ name: string; description: string }>;
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const used = new Set(
      Object.values(live.paths).flatMap((item) => Object.values(item).flatMap((o) => o.tags ?? [])),
    );
    const declared = live.tags.map((t) => t.name);
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((t) => !declared.includes(t))).toEqual([]);
    expect(declared.filter((t) => !used.has(t))).toEqual([]);
    for (const tag of live.tags) {
      const [ko, en] = tag.description.split('\n\n');
      expect({
        tag: tag.name,
        ko: /[가-힣]/.test(ko),
        en: /^[A-Z][a-z]+\b/.test(en ?? ''),
      }).toEqual({ tag: tag.name, ko: true, en: true });
    }
  });

  it('give an example for every request body, uploads included', async () => {
    const live = (await http.get('/api/docs-json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>
      >;
    };
    const bodies = Object.entries(live.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => ({
          at: `${method.toUpperCase()} ${path} ${type}`,
          example: media.example,
        })),
      ),
    );
    expect(
      bodies.filter((b) => b.at.includes('multipart/form-data')).length,
    ).toBeGreaterThanOrEqual(7);
    expect(bodies.filter((b) => b.example === undefined).map((b) => b.at)).toEqual([]);
  });
});
