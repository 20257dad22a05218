import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GLOSSARY } from './glossary';

/** Every source file of the web app with text a user reads (the generated API types aside). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    if (!/\.tsx?$/.test(name) || /\.spec\.tsx?$|schema\.d\.ts$|glossary\.ts$/.test(name)) return [];
    return [path];
  });
}

describe('the glossary', () => {
  const files = sources(join('apps', 'web', 'src'));

  it('reads the whole web app', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith(join('pages', 'tasks', 'messages.ts')))).toBe(true);
  });

  it('has one Korean and one English word per term, none avoided by another', () => {
    const words = GLOSSARY.map((g) => g.ko);
    expect(new Set(words).size).toBe(words.length);
    for (const g of GLOSSARY) {
      for (const other of GLOSSARY) expect(other.avoid).not.toContain(g.ko);
    }
  });

  it.each(GLOSSARY.map((g) => [g.ko, g] as const))(
    '%s: no page says it another way',
    (_ko, term) => {
      const found: string[] = [];
      for (const file of files) {
        let text = readFileSync(file, 'utf8');
        for (const phrase of term.allowed ?? []) text = text.split(phrase).join('');
        for (const word of term.avoid) {
          if (text.includes(word)) found.push(`${file}: ${word}`);
        }
      }
      expect(found).toEqual([]);
    },
  );
});
