// Run after `npm install` changes package-lock.json (`npm run lockfile:complete`).
//
// This workplace's registry does not serve some platform-specific optional binaries (e.g. the
// darwin and win32 builds of @msgpackr-extract/* and @unrs/resolver-binding-*). `npm install` then
// leaves them out of the lockfile, and `npm ci` refuses a lockfile that lacks optional
// dependencies. This adds an entry for each missing one, restricted by os/cpu so that npm skips it
// on this machine and resolves it by version on the platforms that need it.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'arm'];
const part = (name, list) =>
  list.find((v) => new RegExp(`(^|[-/])${v}(-|$)`).test(name.split('/').pop()));

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const added = [];
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const os = part(name, OS);
    const cpu = part(name, CPU);
    if (!os && !cpu) continue; // not a platform binary: leave it to npm
    lock.packages[key] = {
      version,
      optional: true,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(os ? { os: [os] } : {}),
    };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  ),
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length
    ? `added ${added.length} optional platform entries:\n  ${added.join('\n  ')}`
    : 'lockfile complete',
);
