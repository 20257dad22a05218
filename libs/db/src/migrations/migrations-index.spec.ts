import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_MIGRATIONS } from './index.js';

const dir = join(process.cwd(), 'libs', 'db', 'src', 'migrations');
const migrationFiles = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.spec.ts'))
  .sort();

function timestampOf(className: string): number {
  const match = /(\d{13})$/.exec(className);
  if (!match) throw new Error(`migration class ${className} does not end in a timestamp`);
  return Number(match[1]);
}

describe('ALL_MIGRATIONS', () => {
  it('finds migration files in the directory', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    expect(migrationFiles).toContain('1795328734832-Initial.ts');
  });

  it('lists every migration class exported by a migration file', async () => {
    const exported: Array<new () => object> = [];
    for (const file of migrationFiles) {
      const mod = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      const classes = Object.values(mod).filter(
        (v): v is new () => object => typeof v === 'function',
      );
      expect({ file, classes: classes.length }).toEqual({ file, classes: 1 });
      exported.push(...classes);
    }
    const missing = exported.filter((c) => !ALL_MIGRATIONS.includes(c)).map((c) => c.name);
    expect(missing).toEqual([]);
    expect(ALL_MIGRATIONS).toHaveLength(exported.length);
  });

  it('names each migration class after the timestamp of its file', async () => {
    for (const file of migrationFiles) {
      const mod = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      const fileTimestamp = Number(/^(\d{13})-/.exec(file)?.[1]);
      for (const value of Object.values(mod)) {
        if (typeof value === 'function') expect(timestampOf(value.name)).toBe(fileTimestamp);
      }
    }
  });

  it('is sorted by the timestamp in the class name, without duplicates', () => {
    const stamps = ALL_MIGRATIONS.map((m) => timestampOf(m.name));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('gives each migration a name property equal to its class name (TypeORM records it)', () => {
    for (const Migration of ALL_MIGRATIONS) {
      expect((new Migration() as { name?: string }).name).toBe(Migration.name);
    }
  });
});
