import { htmlToText } from '../../../content-model';
import { html, type SafeHtml } from '../html';
import type { Block, Email, Link, ListItem } from './blocks';

/** The two parts of an email, from its one list of blocks. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(email: Email): RenderedEmail {
  return { subject: email.subject, text: renderText(email), html: renderHtml(email) };
}

// ---------------------------------------------------------------------------------------------
// Text

function itemText(item: ListItem): string {
  if (typeof item === 'string') return `- ${item}`;
  const line = `- ${item.link.label}${item.text}`;
  // A link shown as its own address needs it only once.
  return item.link.label === item.link.url ? line : `${line}\n  ${item.link.url}`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.text;
    case 'paragraph':
    case 'quote':
      return block.text;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return [...(block.title ? [block.title] : []), ...block.items.map(itemText)].join('\n');
    case 'action':
      return `${block.lead} ${block.link.label}:\n${block.link.url}`;
    case 'links':
      return block.links.map((link) => `${link.label}: ${link.url}`).join('\n');
    case 'rich':
      return htmlToText(block.html.value);
  }
}

export function renderText(email: Email): string {
  const body = email.blocks.map(blockText).join('\n\n');
  const footer = email.footer?.length ? `\n\n--\n${email.footer.map(blockText).join('\n\n')}` : '';
  return `${body}${footer}\n`;
}

// ---------------------------------------------------------------------------------------------
// HTML: every value goes through the escaping `html` template; only `rich` blocks are taken as
// they are, and those are sanitized when they are saved.

const MUTED = 'color: #555;';

const anchor = (link: Link) => html`<a href="${link.url}">${link.label}</a>`;

/** Line breaks in a paragraph are kept: blank lines start a new paragraph, single ones become <br>. */
function paragraphHtml(text: string, style: string): SafeHtml {
  const paragraphs = text.split(/\n{2,}/).map((part) => {
    const lines = part.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`));
    return style ? html`<p style="${style}">${lines}</p>` : html`<p>${lines}</p>`;
  });
  return html`${paragraphs}`;
}

function itemHtml(item: ListItem): SafeHtml {
  return typeof item === 'string' ? html`<li>${item}</li>` : html`<li>${anchor(item.link)}${item.text}</li>`;
}

function blockHtml(block: Block): SafeHtml {
  switch (block.kind) {
    case 'heading':
      return html`<h2 style="font-size: 1.2rem;">${block.text}</h2>`;
    case 'paragraph':
      return paragraphHtml(block.text, block.muted ? MUTED : '');
    case 'facts':
      return html`<p>${block.rows.map(([label, value], index) => html`${index > 0 ? html`<br>` : ''}<strong>${label}:</strong> ${value}`)}</p>`;
    case 'list':
      return html`${block.title ? html`<p>${block.title}</p>\n` : ''}<ul>${block.items.map(itemHtml)}</ul>`;
    case 'action':
      return html`<p>${block.lead} ${anchor(block.link)}</p>`;
    case 'links':
      return html`<p>${block.links.map((link, index) => html`${index > 0 ? ' · ' : ''}${anchor(link)}`)}</p>`;
    case 'quote':
      return html`<blockquote style="white-space: pre-wrap">${block.text}</blockquote>`;
    case 'rich':
      return block.html;
  }
}

const blocksHtml = (blocks: Block[]) => blocks.map((block) => html`${blockHtml(block)}\n`);

/** A whole HTML document in Norwegian, readable without styles (no layout tables, no images). */
export function renderHtml(email: Email): string {
  const footer = email.footer?.length ? html`<hr>\n<div style="font-size: .9em; ${MUTED}">\n${blocksHtml(email.footer)}</div>\n` : '';
  return html`<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${email.subject}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 40rem; margin: auto;">
${blocksHtml(email.blocks)}${footer}</body>
</html>
`.value;
}
