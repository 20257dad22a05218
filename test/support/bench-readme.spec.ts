import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's bench figures are those `npm run bench:readme` writes from the newest committed
 * results in bench/results: a figure edited by hand, or a newer committed run not yet written in,
 * fails here (issue 24 item 8).
 */
describe("the README's bench figures", () => {
  const check = (...args: string[]) =>
    spawnSync('node', ['bench/readme.mjs', '--check', ...args], { encoding: 'utf8' });

  it('are the newest committed results, as bench/readme.mjs writes them', () => {
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 30_000);

  it('fail the check when a figure is edited by hand, naming the line', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- bench:start'),
      readme.indexOf('<!-- bench:end'),
    );
    const figure = /\| (\d[\d,]*) e-mails\/s/.exec(section);
    expect(figure).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'gwaje-readme-'));
    try {
      const edited = join(dir, 'README.md');
      const at = readme.indexOf(figure![0], readme.indexOf('<!-- bench:start'));
      writeFileSync(
        edited,
        readme.slice(0, at) +
          figure![0].replace(figure![1], '9,999') +
          readme.slice(at + figure![0].length),
      );
      const run = check('--readme', edited);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('the bench figures differ from the committed results');
      expect(run.stderr).toContain('9,999 e-mails/s');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
