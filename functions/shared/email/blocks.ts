import type { SafeHtml } from '../html';

/**
 * An email is a subject and a list of blocks. Each capability only says which blocks its emails
 * have; render.ts turns the same blocks into the plain-text and the HTML part, so the two parts
 * never say different things, and compose.ts makes the MIME message SES sends.
 */

/** A link whose label says where it goes ("Meld deg av", the product's title), never "klikk her". */
export interface Link {
  label: string;
  url: string;
}

/** A list entry: plain text, or a link followed by text about it (the link's URL goes on its own line in text). */
export type ListItem = string | { link: Link; text: string };

export type Block =
  /** A section heading (h2; the subject is the email's title). */
  | { kind: 'heading'; text: string }
  /** Plain text; a blank line starts a new paragraph, a single line break is kept. `muted` for asides. */
  | { kind: 'paragraph'; text: string; muted?: boolean }
  /** Label–value pairs: "Tid: …", "Sted: …". */
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'list'; title?: string; items: ListItem[] }
  /** The email's call to action: a sentence and the link that does it. */
  | { kind: 'action'; lead: string; link: Link }
  /** Links side by side ("Endre interesser · Meld deg av"); in text one per line, "label: url". */
  | { kind: 'links'; links: Link[] }
  /** Someone's own text quoted back to them, with its line breaks as written. */
  | { kind: 'quote'; text: string }
  /** HTML that is already sanitized (a newsletter issue's body); the text part is derived from it. */
  | { kind: 'rich'; html: SafeHtml };

/** A file sent along with the message, e.g. an .ics calendar entry. */
export interface EmailAttachment {
  /** Shown to the recipient; keep it ASCII (a slug) so every client shows it the same. */
  filename: string;
  /** The full Content-Type, e.g. `text/calendar; charset=UTF-8; method=PUBLISH`. */
  contentType: string;
  /** Text content, sent as UTF-8. */
  content: string;
}

export interface Email {
  subject: string;
  blocks: Block[];
  /** Below a rule at the end: why the recipient gets this email, how to stop it. */
  footer?: Block[];
  attachments?: EmailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe. Values must be ASCII. */
  headers?: Record<string, string>;
}

/** An email and its recipient, ready to compose and send. */
export interface OutgoingEmail extends Email {
  to: string;
}

export const paragraph = (text: string, options: { muted?: boolean } = {}): Block => ({ kind: 'paragraph', text, ...options });
export const heading = (text: string): Block => ({ kind: 'heading', text });
export const action = (lead: string, label: string, url: string): Block => ({ kind: 'action', lead, link: { label, url } });

/** How the secretariat signs every email. */
export const signature: Block = paragraph('Hilsen Sekretariatet for Normen');
