// Preloaded (node --import) into the API and worker only with `npm run bench -- --profile`: samples
// the process's CPU with the inspector from start-up, and on SIGWINCH writes the profile so far to
// $BENCH_CPU_PROFILE (a .cpuprofile: Chrome DevTools, or `node bench/profile-summary.mjs <file>`).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const file = process.env.BENCH_CPU_PROFILE;
if (file) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  process.on('SIGWINCH', () => {
    void (async () => {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      await session.post('Profiler.start');
    })();
  });
}
