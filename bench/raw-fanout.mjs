// The raw baseline of the e-mail fan-out, run as its own process like Gwaje's worker: plain BullMQ
// (one job per e-mail, the same job options as Gwaje's) and a pooled nodemailer transport (the
// same pool size as Gwaje's mailer), sending an e-mail rendered by the same template. No database,
// no framework. Told when to start over IPC; the benchmark counts the messages at its SMTP sink.
import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';

const env = process.env;
const count = Number(env.FANOUT_COUNT);
const concurrency = Number(env.FANOUT_CONCURRENCY);
const prefix = env.REDIS_PREFIX;
const redis = new URL(env.REDIS_URL);
const connection = {
  host: redis.hostname,
  port: Number(redis.port || 6379),
  db: Number(redis.pathname.slice(1) || 0),
  maxRetriesPerRequest: null,
};
const { renderEmail } = await import(`${env.DIST}/libs/notifications/src/templates.js`);
const { DEFAULT_JOB_OPTIONS } = await import(`${env.DIST}/libs/queues/src/index.js`);

const transport = nodemailer.createTransport(
  { url: env.SMTP_URL, pool: true, maxConnections: Number(env.FANOUT_POOL ?? 5) },
  { from: env.SMTP_FROM },
);
const queue = new Queue('raw-fanout', { connection, prefix });
const worker = new Worker(
  'raw-fanout',
  async (job) => {
    const { to, name, title, dueDate, link, n } = job.data;
    const email = renderEmail({
      recipientName: name,
      items: [
        {
          section: 'DUE_SOON',
          ruleLabel: { ko: '중점과제 종료일 임박', en: 'Task due soon' },
          title,
          dueDate,
          link,
        },
      ],
      urgent: false,
      language: 'ko',
      settingsLink: 'http://localhost:3000/notifications',
    });
    await transport.sendMail({ to, ...email, messageId: `<raw-${n}@localhost>` });
  },
  { connection, prefix, concurrency },
);
// A job that throws is a broken baseline, not a slow one: say so.
worker.on('failed', (job, error) =>
  console.error(`raw-fanout job ${job?.id} failed: ${error.message}`),
);
await worker.waitUntilReady();
await queue.waitUntilReady();

process.on('message', (message) => {
  if (message !== 'go') return;
  void (async () => {
    for (let start = 1; start <= count; start += 1000) {
      const jobs = [];
      for (let n = start; n < Math.min(start + 1000, count + 1); n++) {
        jobs.push({
          name: 'email',
          data: {
            n,
            to: `raw-${String(n).padStart(6, '0')}@bench.gwaje.kr`,
            name: `수신자 ${n}`,
            title: `알림 과제 수신자 ${n}`,
            dueDate: '2026-12-31',
            link: `http://localhost:3000/tasks/${n}`,
          },
          opts: { ...DEFAULT_JOB_OPTIONS, jobId: `raw-${n}` },
        });
      }
      await queue.addBulk(jobs);
    }
  })();
});

process.once('SIGTERM', () => {
  void (async () => {
    await worker.close();
    await queue.close();
    transport.close();
    process.exit(0);
  })();
});
process.send('ready');
