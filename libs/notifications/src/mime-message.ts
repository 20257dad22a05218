import { Buffer } from 'node:buffer';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';

export interface MimeInput {
  /** The From header, e.g. "Gwaje 과제 알림 <no-reply@gwaje.local>". */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date?: Date;
}

/** A header line, non-ASCII words as RFC 2047 encoded words, folded at 76 characters. */
const header = (name: string, value: string) =>
  foldLines(`${name}: ${encodeWords(value, 'B', 52)}`, 76);

/** A mailbox: the display name encoded where it is not plain ASCII, the address as it is. */
function mailbox(value: string): { header: string; address: string } {
  const [parsed] = addressparser(value, { flatten: true });
  if (!parsed?.address) throw new Error(`not an e-mail address: ${value}`);
  // Encoded whole when it needs encoding at all: a comma left outside an encoded word would split it.
  const encoded = encodeWords(parsed.name, 'B', 52, true);
  // Plain ASCII words stay as they are; other ASCII (a comma, say) is quoted.
  const name =
    !parsed.name || encoded !== parsed.name || /^[\w !#$%&'*+\-/=?^`{|}~]*$/.test(encoded)
      ? encoded
      : `"${encoded.replace(/["\\]/g, '\\$&')}"`;
  return { header: `${name ? `${name} ` : ''}<${parsed.address}>`, address: parsed.address };
}

/** UTF-8 text as base64 lines of 76 characters. */
function base64(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join('\r\n');
}

/**
 * The parts' boundary: "_" never occurs in base64 nor in the headers written here, so one constant
 * boundary cannot collide with a part's content (and costs no random bytes per e-mail).
 */
const BOUNDARY = '=_gwaje_alternative_part_=';

/**
 * The reminder e-mail as one RFC 5322 message: multipart/alternative of a UTF-8 plain-text and an
 * HTML part, both base64. Built in one pass into one buffer, which goes to the SMTP connection in
 * one write: nodemailer's composer streams every part through several transforms and cost about
 * 1.9 ms of CPU per e-mail on the benchmark machine, most of the fan-out's budget (README,
 * Performance). Header encoding and folding are nodemailer's own functions.
 */
export function composeMessage(input: MimeInput): {
  envelope: { from: string; to: string[] };
  raw: Buffer;
} {
  const from = mailbox(input.from);
  const to = mailbox(input.to);
  const boundary = BOUNDARY;
  const lines = [
    `From: ${from.header}`,
    `To: ${to.header}`,
    header('Subject', input.subject),
    `Message-ID: ${input.messageId}`,
    `Date: ${(input.date ?? new Date()).toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative;',
    ` boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64(input.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64(input.html),
    `--${boundary}--`,
    '',
  ];
  return {
    envelope: { from: from.address, to: [to.address] },
    raw: Buffer.from(lines.join('\r\n'), 'utf8'),
  };
}
