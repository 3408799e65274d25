import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingEmail } from './blocks';
import { renderHtml, renderText } from './render';

/** The domain of the sender's address ("Normen <ikke-svar@normen.no>" → "normen.no"). */
export function mailDomain(from: string): string {
  const [sender] = addressparser(from, { flatten: true });
  const domain = sender?.address.split('@')[1];
  if (!domain) throw new Error(`The sender "${from}" has no mail domain`);
  return domain.toLowerCase();
}

/**
 * The complete MIME message for SES SendRawEmail (the only SES call that carries our own headers,
 * such as RFC 8058 one-click unsubscribe): text and HTML rendered from the same blocks as
 * multipart/alternative, inside multipart/mixed when there are attachments. MailComposer encodes
 * the headers (RFC 2047 words of at most 75 characters) and the bodies; the result is 7-bit ASCII,
 * so it is kept as a string (a failed email is stored as it was composed and sent again as is).
 */
export async function composeEmail(from: string, email: OutgoingEmail, date: Date = new Date()): Promise<string> {
  const composer = new MailComposer({
    from,
    to: email.to,
    subject: email.subject,
    text: renderText(email),
    html: renderHtml(email),
    date,
    messageId: `<${randomUUID()}@${mailDomain(from)}>`,
    ...(email.headers ? { headers: email.headers } : {}),
    attachments: (email.attachments ?? []).map((attachment) => ({ ...attachment, contentDisposition: 'attachment' as const })),
  });
  const raw = await composer.compile().build();
  return raw.toString('utf8');
}
