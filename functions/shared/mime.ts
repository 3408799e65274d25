import { randomBytes } from 'node:crypto';

/** RFC 2047 encoded-word, so Norwegian letters survive in headers. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function base64Lines(content: string): string {
  return (
    Buffer.from(content, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** A file sent along with the message, e.g. an .ics calendar entry. */
export interface EmailAttachment {
  /** Shown to the recipient; keep it ASCII (a slug) so every client shows it the same. */
  filename: string;
  /** The full Content-Type, e.g. `text/calendar; charset=UTF-8; method=PUBLISH`. */
  contentType: string;
  /** Text content; sent base64-encoded as UTF-8. */
  content: string;
}

export interface RawEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. Values must be ASCII. */
  headers?: Record<string, string>;
  /** When given and not empty, the message becomes multipart/mixed with these after the text and HTML. */
  attachments?: EmailAttachment[];
}

const newBoundary = () => `normen-${randomBytes(12).toString('hex')}`;

/** The body of a multipart/alternative part: plain text first, so clients prefer the HTML. */
function alternativeBody(boundary: string, email: Pick<RawEmail, 'text' | 'html'>): string[] {
  return [
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
  ];
}

/** Quoted parameter value; quotes and backslashes would end it early, so they are dropped. */
const quoted = (value: string) => `"${encodeHeader(value.replace(/["\\\r\n]/g, ''))}"`;

function attachmentPart(boundary: string, attachment: EmailAttachment): string[] {
  return [
    `--${boundary}`,
    // name= as well as filename=: some clients (older Outlook) only look at the Content-Type.
    `Content-Type: ${attachment.contentType}; name=${quoted(attachment.filename)}`,
    `Content-Disposition: attachment; filename=${quoted(attachment.filename)}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(attachment.content),
  ];
}

function headerLines(email: RawEmail, contentType: string): string[] {
  const headers = {
    From: email.from,
    To: email.to,
    Subject: encodeHeader(email.subject),
    'MIME-Version': '1.0',
    ...email.headers,
    'Content-Type': contentType,
  };
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

/**
 * A multipart/alternative message (plain text and HTML) for SES SendRawEmail, the only way to set
 * the List-Unsubscribe headers that RFC 8058 one-click unsubscribe needs. With attachments, the
 * alternative part is nested in a multipart/mixed, the structure mail clients expect for files.
 */
export function buildRawEmail(email: RawEmail): string {
  const attachments = email.attachments ?? [];
  const alternative = newBoundary();
  if (attachments.length === 0) {
    return [...headerLines(email, `multipart/alternative; boundary="${alternative}"`), '', ...alternativeBody(alternative, email), ''].join('\r\n');
  }
  const mixed = newBoundary();
  return [
    ...headerLines(email, `multipart/mixed; boundary="${mixed}"`),
    '',
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    ...alternativeBody(alternative, email),
    ...attachments.flatMap((attachment) => attachmentPart(mixed, attachment)),
    `--${mixed}--`,
    '',
  ].join('\r\n');
}
