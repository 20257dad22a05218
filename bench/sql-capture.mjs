// Preloaded (node --import) into a separate, short-lived API process by the benchmark, never into
// the processes it measures: appends every SQL statement the process sends to $BENCH_SQL_CAPTURE,
// one JSON line each with the connection it went over, so the raw baselines can be checked against
// the statements the API really runs for one request and against its transactions.
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_SQL_CAPTURE;
if (file) {
  const ids = new WeakMap();
  let next = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function capture(config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (!ids.has(this)) ids.set(this, ++next);
    if (text) appendFileSync(file, `${JSON.stringify({ connection: ids.get(this), text })}\n`);
    return query.call(this, config, ...rest);
  };
}
