import PostalMime from 'postal-mime';
import { composeMessage } from './mime-message.js';

describe('composeMessage', () => {
  const input = {
    from: 'Gwaje 과제 알림 <no-reply@gwaje.local>',
    to: 'kim.minsu@seocho.go.kr',
    subject: `[Gwaje] 이행실적 반려: ${'아주 긴 과제 제목 '.repeat(8)}(2026-Q3)`,
    text: `김민수님,\n\n■ 조치 필요 (1)\n- [이행실적 반려] 제목 · 기한 2026-12-08\n  의견: "근거 자료를 보완해 주세요" = 50%\n  https://gwaje.example/reports/1\n.\n..마침표로 시작하는 줄`,
    html: `<!doctype html><p>김민수님, <a href="https://gwaje.example/reports/1">제목</a> ${'내용 '.repeat(200)}</p>`,
    messageId: '<gwaje-1042@gwaje.example>',
    date: new Date('2026-12-04T00:30:00Z'),
  };

  it('builds a message a mail reader parses back to the same subject, parts, addresses and Message-ID', async () => {
    const { envelope, raw } = composeMessage(input);
    expect(envelope).toEqual({ from: 'no-reply@gwaje.local', to: ['kim.minsu@seocho.go.kr'] });
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe(input.subject);
    expect(parsed.from).toMatchObject({ name: 'Gwaje 과제 알림', address: 'no-reply@gwaje.local' });
    expect(parsed.to).toEqual([expect.objectContaining({ address: 'kim.minsu@seocho.go.kr' })]);
    expect(parsed.messageId).toBe(input.messageId);
    expect(parsed.date).toBe('2026-12-04T00:30:00.000Z');
    expect(parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(input.text);
    expect(parsed.html?.trimEnd()).toBe(input.html);
  });

  it('keeps to SMTP line rules: CRLF only, no line over 998 characters, headers folded at 76', () => {
    const text = composeMessage(input).raw.toString('utf8');
    expect(text).not.toMatch(/[^\r]\n/);
    const lines = text.split('\r\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(998);
    const head = lines.slice(0, lines.indexOf(''));
    expect(head.filter((l) => l.length > 78)).toEqual([]);
    // Non-ASCII only as encoded words and base64.
    expect(text).toMatch(/^[\x20-\x7e\r\n\t]*$/);
  });

  it('quotes an ASCII display name with specials and encodes a non-ASCII one', async () => {
    const quoted = composeMessage({ ...input, from: '"Gwaje, 서초구" <a@b.kr>' }).raw.toString();
    expect(quoted).toMatch(/^From: =\?UTF-8\?B\?/m);
    const ascii = composeMessage({ ...input, from: '"Gwaje, Seocho" <a@b.kr>' });
    expect(ascii.raw.toString()).toMatch(/^From: "Gwaje, Seocho" <a@b\.kr>\r$/m);
    expect((await PostalMime.parse(ascii.raw)).from).toMatchObject({ name: 'Gwaje, Seocho' });
  });

  it('refuses an address it cannot parse', () => {
    expect(() => composeMessage({ ...input, to: '' })).toThrow('not an e-mail address');
  });
});
