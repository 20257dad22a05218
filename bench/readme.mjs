// npm run bench:readme: writes the README's latest bench figures (between <!-- bench:start --> and
// <!-- bench:end -->) from the committed results in bench/results — for each measurement, the
// newest committed file that measured it (a run may measure only some: `--items`). Uncommitted
// results (a run just made) are not used until they are committed.
//
//   node bench/readme.mjs              rewrite the section in README.md
//   node bench/readme.mjs --check      exit 1, saying where, when README.md differs from what it would write
//   --readme <file>                    another file than README.md (the unit test's planted edits)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import {
  fanoutTable,
  MEASUREMENTS,
  measurementRows,
  searchTable,
  transitionTable,
} from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const START = '<!-- bench:start: written by `npm run bench:readme` from bench/results -->';
export const END = '<!-- bench:end -->';

const fmt = (x) => x.toLocaleString('en-US');

/** The committed results, oldest first: their names are their UTC start times. */
export function committedResults() {
  const files = execFileSync('git', ['ls-files', '-z', '--', 'bench/results/*.json'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean)
    .sort();
  return files.map((file) => ({
    stamp: file.slice('bench/results/'.length, -'.json'.length),
    result: JSON.parse(readFileSync(join(root, file), 'utf8')),
  }));
}

const items = (result) =>
  MEASUREMENTS.filter((m) => result[m.key])
    .map((m) => m.item)
    .join(',');

const names = (list) =>
  list.length <= 1
    ? (list[0] ?? '')
    : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;

/** The run's circumstances, from its JSON. */
function describeRun({ stamp, result }) {
  const { machine, code, size } = result;
  const commit = code
    ? `commit ${code.commit}${code.uncommittedChanges ? ' with uncommitted changes' : ''}`
    : 'commit not recorded';
  const load = machine.loadAverageAtStart
    ? `, load average ${machine.loadAverageAtStart[0]} at the start`
    : '';
  return (
    `\`npm run bench -- --items ${items(result)}\` (\`bench/results/${stamp}.{json,md}\`): ${commit}; ` +
    `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}${load}; ` +
    `${fmt(size.departments)} departments, ${fmt(size.tasks)} tasks, ${fmt(size.reports)} reports, ` +
    `${fmt(size.consultations)} consultations, ${fmt(size.emails)} reminder recipients` +
    `${result.settings?.profile ? '; under the CPU profiler (figures not comparable)' : ''}.`
  );
}

/** The generated section (unformatted Markdown; prettier aligns its tables). */
export function section(results = committedResults()) {
  // Each measurement from the newest committed file that has it, grouped by file, newest first.
  const newest = new Map();
  for (const m of MEASUREMENTS) {
    const found = results.findLast((r) => r.result[m.key]);
    if (!found) continue;
    if (!newest.has(found.stamp)) newest.set(found.stamp, { run: found, keys: [] });
    newest.get(found.stamp).keys.push(m.key);
  }
  const runs = [...newest.values()].sort((a, b) => b.run.stamp.localeCompare(a.run.stamp));
  const out = [
    START,
    '',
    'Latest figures: each measurement from the newest committed results file that has it (a run',
    'may measure only some), newest run first. The figures move with the machine and its other load;',
    'compare the ratios.',
    '',
  ];
  for (const { run, keys } of runs) {
    const { result } = run;
    const measured = MEASUREMENTS.filter((m) => keys.includes(m.key));
    const superseded = MEASUREMENTS.filter((m) => result[m.key] && !keys.includes(m.key));
    out.push(
      `**${names(measured.map((m) => m.name))}**, ${result.date.slice(0, 10)}: ${describeRun(run)}` +
        (superseded.length
          ? ` Its ${names(superseded.map((m) => m.name))} figures are superseded by the newer runs above; its memory peaks cover all it ran.`
          : ''),
      '',
      '| measurement | Gwaje | raw baseline | ratio | target | result |',
      '| --- | --- | --- | --- | --- | --- |',
      ...measurementRows(result, keys).map((r) => `| ${r.join(' | ')} |`),
      '',
    );
    if (keys.includes('transition')) out.push(...transitionTable(result));
    if (keys.includes('fanout')) out.push(...fanoutTable(result));
    if (keys.includes('search')) out.push(...searchTable(result));
  }
  out.push(END);
  return out.join('\n');
}

/** The README with its section replaced by `generated`, formatted as `prettier --check` wants it. */
export async function withSection(readme, generated, file = join(root, 'README.md')) {
  const start = readme.indexOf('<!-- bench:start');
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${file}: no ${START.slice(0, 18)} … ${END} markers around the bench figures`);
  }
  const replaced = readme.slice(0, start) + generated + readme.slice(end + END.length);
  // The project's prettier settings (package.json), whichever file is checked.
  const options = (await prettier.resolveConfig(join(root, 'README.md'))) ?? {};
  return prettier.format(replaced, { ...options, filepath: file });
}

/** Where two texts first differ, as a line number and both lines. */
export function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      return `line ${i + 1}:\n  README:    ${a[i] ?? '(end of file)'}\n  generated: ${e[i] ?? '(end of file)'}`;
    }
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--readme');
  const file = i > 0 ? process.argv[i + 1] : join(root, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const expected = await withSection(readme, section(), file);
  if (process.argv.includes('--check')) {
    const difference = firstDifference(readme, expected);
    if (difference) {
      console.error(
        `${file}: the bench figures differ from the committed results (run npm run bench:readme), ${difference}`,
      );
      process.exit(1);
    }
    console.log(`${file}: the bench figures are those of the committed results`);
  } else if (expected !== readme) {
    writeFileSync(file, expected);
    console.log(`${file}: bench figures written`);
  } else {
    console.log(`${file}: bench figures already current`);
  }
}
