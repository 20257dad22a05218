// Summarises a .cpuprofile written by `npm run bench -- --profile`: where the process spent its
// CPU (self time), by package and by function. Usage: node bench/profile-summary.mjs <file> [top]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (url) => {
  if (!url) return '(native / V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node: ' + url.slice(5).split('/')[0];
  const lib = /\/(libs|apps)\/([^/]+)\//.exec(url);
  return lib ? `gwaje ${lib[1]}/${lib[2]}` : url;
};
const byPackage = new Map();
const byFunction = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = ['(idle)', '(garbage collector)', '(program)'].includes(functionName)
    ? functionName
    : where(url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const fn =
    pkg === functionName ? pkg : `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const busy = total - (byPackage.get('(idle)') ?? 0);
const print = (title, map) => {
  console.log(
    `\n${title} (share of busy CPU, ${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s)`,
  );
  for (const [k, us] of [...map]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    console.log(`${((100 * us) / busy).toFixed(1).padStart(6)} %  ${k}`);
  }
};
print('By package', byPackage);
print('By function', byFunction);

// --callers <function>: who calls it (the three frames above), by self time.
const depth = Number(process.env.DEPTH ?? 4);
const callersOf = process.argv.indexOf('--callers');
if (callersOf > 0) {
  const name = process.argv[callersOf + 1];
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const stacks = new Map();
  for (const [id, us] of self) {
    let node = byId.get(id);
    if (node.callFrame.functionName !== name) continue;
    const frames = [];
    for (let p = parent.get(node.id); p && frames.length < depth; p = parent.get(p.id)) {
      frames.push(`${p.callFrame.functionName || '(anonymous)'} ${where(p.callFrame.url)}`);
    }
    const key = frames.join(' < ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  console.log(`\nCallers of ${name}`);
  for (const [k, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / busy).toFixed(1).padStart(6)} %  ${k}`);
  }
}
