import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The OpenAPI document names each schema after its DTO class: two classes of one name replace each
// other there (the last one loaded wins), so the contract then states the wrong shape for one of
// them. A name may be declared twice only with the same properties and types.

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('DTO class names', () => {
  it('are unique across the API, unless both declare the same properties', () => {
    const bodies = new Map<string, Set<string>>();
    for (const file of sources(root)) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/^(?:export )?class (\w+Dto) [^{]*\{([\s\S]*?)^\}/gm)) {
        // The shape: each property with its type (decorators' examples and descriptions aside).
        const body = [
          ...m[2]
            .replace(/@\w+\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)/g, '')
            .matchAll(/(\w+\??)!?: ([^;=]+)[;=]/g),
        ]
          .map((p) => `${p[1]}: ${p[2].trim()}`)
          .join(', ');
        bodies.set(m[1], (bodies.get(m[1]) ?? new Set()).add(body));
      }
    }
    const clashing = [...bodies].filter(([, b]) => b.size > 1).map(([name]) => name);
    expect(bodies.size).toBeGreaterThan(100);
    expect(clashing).toEqual([]);
  });
});
