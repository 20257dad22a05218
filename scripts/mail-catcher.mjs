// The demo's mail catcher: an SMTP server that accepts every message (no delivery) and a small web
// inbox to read them. `npm run demo` starts it when SMTP_URL is not set, so reminder emails can be
// seen without configuring anything. Not for production: messages live in memory (the newest 500).
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080);
const messages = [];
let nextId = 1;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', async () => {
      try {
        const raw = Buffer.concat(chunks);
        const email = await PostalMime.parse(raw);
        messages.unshift({
          id: nextId++,
          receivedAt: new Date().toISOString(),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          from: email.from?.address ?? '',
          subject: email.subject ?? '',
          text: email.text ?? '',
          html: email.html ?? '',
        });
        messages.splice(500);
        callback();
      } catch (error) {
        callback(error);
      }
    });
  },
});

const escape = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );

const page = (title, body) => `<!doctype html><html lang="ko"><head><meta charset="utf-8">
<title>${escape(title)}</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:'Pretendard GOV','Malgun Gothic',sans-serif;margin:24px;color:#1e2124}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d6d9dd;padding:8px;text-align:left}
a{color:#256ef4}iframe{width:100%;height:70vh;border:1px solid #d6d9dd}</style></head>
<body>${body}</body></html>`;

const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://localhost:${httpPort}`);
  if (url.pathname === '/api/messages') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(messages));
    return;
  }
  const id = /^\/messages\/(\d+)$/.exec(url.pathname)?.[1];
  if (id) {
    const m = messages.find((x) => x.id === Number(id));
    if (!m) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      page(
        m.subject,
        `<p><a href="/">← 받은 편지함 (Inbox)</a></p><h1>${escape(m.subject)}</h1>
<p>받는 사람 To: ${escape(m.envelopeTo.join(', '))} · ${escape(m.receivedAt)}</p>
<iframe sandbox title="HTML" srcdoc="${escape(m.html)}"></iframe><h2>Text</h2><pre>${escape(m.text)}</pre>`,
      ),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    page(
      'Gwaje 데모 메일함',
      `<h1>Gwaje 데모 메일함 (demo inbox)</h1><p>${messages.length}통 · 새로 고침하면 최신 메일이 보입니다.</p>
<table><thead><tr><th>받은 시각</th><th>받는 사람</th><th>제목</th></tr></thead><tbody>
${messages
  .map(
    (m) =>
      `<tr><td>${escape(m.receivedAt)}</td><td>${escape(m.envelopeTo.join(', '))}</td><td><a href="/messages/${m.id}">${escape(m.subject)}</a></td></tr>`,
  )
  .join('\n')}
</tbody></table>`,
    ),
  );
});

smtp.listen(smtpPort, '127.0.0.1', () => {
  http.listen(httpPort, '127.0.0.1', () => {
    console.log(`MAIL_CATCHER_READY smtp://127.0.0.1:${smtpPort} http://localhost:${httpPort}`);
  });
});
const stop = () => {
  smtp.close(() => http.close(() => process.exit(0)));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
