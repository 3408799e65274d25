import { randomBytes } from 'node:crypto';

/** RFC 2047 encoded-word, so Norwegian letters survive in headers. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function base64Lines(content: string): string {
  return (Buffer.from(content, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

export interface RawEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. Values must be ASCII. */
  headers?: Record<string, string>;
}

/**
 * A multipart/alternative message (plain text and HTML) for SES SendRawEmail, the only way to set
 * the List-Unsubscribe headers that RFC 8058 one-click unsubscribe needs.
 */
export function buildRawEmail(email: RawEmail): string {
  const boundary = `normen-${randomBytes(12).toString('hex')}`;
  const headers = {
    From: email.from,
    To: email.to,
    Subject: encodeHeader(email.subject),
    'MIME-Version': '1.0',
    ...email.headers,
    'Content-Type': `multipart/alternative; boundary="${boundary}"`,
  };
  return [
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(email.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(email.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
