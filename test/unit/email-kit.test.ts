import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { SafeHtml } from '../../functions/shared/html';
import type { Email, OutgoingEmail } from '../../functions/shared/email/blocks';
import { composeEmail, mailDomain } from '../../functions/shared/email/compose';
import { renderHtml, renderText } from '../../functions/shared/email/render';
import { reviewDigest, type DigestEntry } from '../../functions/review/review-check';

const from = 'Normen <ikke-svar@normen.no>';

/** The header section, with folded lines joined again (RFC 5322 unfolding). */
function headerSection(raw: string): string {
  return (raw.split('\r\n\r\n')[0] ?? '').replace(/\r\n[ \t]+/g, ' ');
}

const encodedWords = (raw: string) => headerSection(raw).match(/=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=/g) ?? [];

async function composed(email: OutgoingEmail, date?: Date): Promise<{ raw: string; mail: ParsedMail }> {
  const raw = await composeEmail(from, email, date);
  return { raw, mail: await simpleParser(Buffer.from(raw)) };
}

describe('composeEmail: headers', () => {
  // The old hand-written MIME made this one encoded word of 144 characters.
  const subject =
    'Du har fått plass – bekreft den innen fristen: Normkonferansen 2026 om personvern, skytjenester og informasjonssikkerhet i helse- og omsorgssektoren';

  it('encodes a long Norwegian subject in words of at most 75 characters, which a mail parser decodes back exactly', async () => {
    const { raw, mail } = await composed({ to: 'per@sykehus.no', subject, blocks: [{ kind: 'paragraph', text: 'Hei' }] });
    const words = encodedWords(raw);
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    expect(mail.subject).toBe(subject);
  });

  it('keeps every encoded word short in every header, also a sender name with Norwegian letters', async () => {
    const sender = 'Sekretariatet for Normen – påmelding og spørsmål om arrangementer <ikke-svar@normen.no>';
    const raw = await composeEmail(sender, { to: 'Åse Ødegård <ase@sykehus.no>', subject, blocks: [] });
    const words = encodedWords(raw);
    expect(words.length).toBeGreaterThan(2);
    for (const word of words) expect(word.length).toBeLessThanOrEqual(75);
    const mail = await simpleParser(Buffer.from(raw));
    expect(mail.from?.value[0]).toEqual({ name: 'Sekretariatet for Normen – påmelding og spørsmål om arrangementer', address: 'ikke-svar@normen.no' });
    expect(mail.subject).toBe(subject);
  });

  it('dates the message and gives it a Message-ID of its own on the sender’s mail domain', async () => {
    const at = new Date('2026-11-23T08:15:00.000Z');
    const first = await composed({ to: 'per@sykehus.no', subject: 'Hei', blocks: [] }, at);
    const second = await composed({ to: 'per@sykehus.no', subject: 'Hei', blocks: [] }, at);
    expect(first.mail.date?.toISOString()).toBe(at.toISOString());
    expect(first.mail.messageId).toMatch(/^<[0-9a-f-]{36}@normen\.no>$/);
    expect(second.mail.messageId).toMatch(/@normen\.no>$/);
    expect(second.mail.messageId).not.toBe(first.mail.messageId);
    expect(first.mail.headers.get('mime-version')).toBe('1.0');
  });

  it('takes the mail domain from a bare address or one with a name, and refuses a sender without one', () => {
    expect(mailDomain('Normen <ikke-svar@Normen.NO>')).toBe('normen.no');
    expect(mailDomain('post@test.normen.no')).toBe('test.normen.no');
    expect(() => mailDomain('Normen')).toThrow(/no mail domain/);
  });

  it('keeps extra headers such as RFC 8058 one-click unsubscribe', async () => {
    const unsubscribe = `<https://api.normen.no/newsletter/unsubscribe?token=${'a'.repeat(60)}.${'b'.repeat(43)}>, <mailto:avmelding@normen.no?subject=unsubscribe%20s1>`;
    const { mail } = await composed({
      to: 'per@sykehus.no',
      subject: 'Nyhetsbrev',
      blocks: [],
      headers: { 'List-Unsubscribe': unsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Normen-Delivery': 'c1.s1' },
    });
    const line = (key: string) => mail.headerLines.find((header) => header.key === key)?.line.replace(/\r\n[ \t]+/g, ' ');
    expect(line('list-unsubscribe')).toBe(`List-Unsubscribe: ${unsubscribe}`);
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.headers.get('x-normen-delivery')).toBe('c1.s1');
  });
});

describe('composeEmail: structure', () => {
  const calendar = 'BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nSUMMARY:Møte på Ås\r\nEND:VCALENDAR\r\n';

  it('is multipart/alternative, text first, without attachments', async () => {
    const { raw, mail } = await composed({ to: 'per@sykehus.no', subject: 'Hei', blocks: [{ kind: 'paragraph', text: 'Tekst æøå' }] });
    expect((mail.headers.get('content-type') as { value: string }).value).toBe('multipart/alternative');
    expect(raw.indexOf('Content-Type: text/plain')).toBeLessThan(raw.indexOf('Content-Type: text/html'));
    expect(mail.text).toBe('Tekst æøå\n');
    expect(mail.attachments).toEqual([]);
  });

  it('nests the alternative part in multipart/mixed with the attachment, its type parameters and its content intact', async () => {
    const { mail } = await composed({
      to: 'per@sykehus.no',
      subject: 'Hei',
      blocks: [{ kind: 'paragraph', text: 'Vedlagt' }],
      attachments: [{ filename: 'mote.ics', contentType: 'text/calendar; charset=UTF-8; method=PUBLISH', content: calendar }],
    });
    expect((mail.headers.get('content-type') as { value: string }).value).toBe('multipart/mixed');
    expect(mail.text).toBe('Vedlagt\n');
    const [attachment] = mail.attachments;
    expect(attachment?.filename).toBe('mote.ics');
    expect(attachment?.contentType).toBe('text/calendar');
    expect(attachment?.contentDisposition).toBe('attachment');
    expect((attachment?.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params).toMatchObject({
      charset: 'UTF-8',
      method: 'PUBLISH',
    });
    expect(attachment?.content.toString('utf8')).toBe(calendar);
  });
});

describe('render: one list of blocks, two parts', () => {
  const evil = '<script>alert("x")</script> & «R&D»';
  const email: Email = {
    subject: `Emne ${evil}`,
    blocks: [
      { kind: 'heading', text: `Overskrift ${evil}` },
      { kind: 'paragraph', text: `Første linje ${evil}\nandre linje\n\nNytt avsnitt` },
      { kind: 'facts', rows: [[`Sted ${evil}`, `Sal "A" ${evil}`]] },
      {
        kind: 'list',
        title: `Liste ${evil}`,
        items: [`Punkt ${evil}`, { link: { label: `Produkt ${evil}`, url: 'https://cms.normen.no/#/products/a"b/show' }, text: ` (nivå ${evil})` }],
      },
      { kind: 'action', lead: `Vil du ${evil}?`, link: { label: 'Meld deg av', url: 'https://api.normen.no/cancel?token=a&b="c"' } },
      { kind: 'links', links: [{ label: 'Endre interesser', url: 'https://api.normen.no/p?x=1&y=2' }] },
      { kind: 'quote', text: `Sitat ${evil}\nlinje to` },
    ],
    footer: [{ kind: 'paragraph', text: `Fordi ${evil}`, muted: true }],
  };
  const html = renderHtml(email);
  const text = renderText(email);

  it('writes a Norwegian HTML document with the subject as its title and real headings', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Emne &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «R&amp;D»</title>');
    expect(html).toMatch(/<h2[^>]*>Overskrift &lt;script&gt;/);
    expect(html).toContain('<hr>');
  });

  it('escapes every value in the HTML, in text and in attributes', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"x"');
    expect(html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; «R&amp;D»/g)).toHaveLength(12); // once for each value above
    expect(html).toContain('href="https://cms.normen.no/#/products/a&quot;b/show"');
    expect(html).toContain('href="https://api.normen.no/cancel?token=a&amp;b=&quot;c&quot;"');
    expect(html).toContain('<p>Første linje &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «R&amp;D»<br>andre linje</p><p>Nytt avsnitt</p>');
  });

  it('gives links text that says where they go, and the address in the text part', () => {
    expect(html).toContain('<a href="https://api.normen.no/cancel?token=a&amp;b=&quot;c&quot;">Meld deg av</a>');
    expect(text).toContain('Vil du <script>alert("x")</script> & «R&D»? Meld deg av:\nhttps://api.normen.no/cancel?token=a&b="c"');
    expect(text).toContain('Endre interesser: https://api.normen.no/p?x=1&y=2');
    expect(text).toContain(`- Produkt ${evil} (nivå ${evil})\n  https://cms.normen.no/#/products/a"b/show`);
  });

  it('keeps the text part as written, with the footer below a rule', () => {
    const body = [
      `Overskrift ${evil}`,
      `Første linje ${evil}\nandre linje\n\nNytt avsnitt`,
      `Sted ${evil}: Sal "A" ${evil}`,
      `Liste ${evil}\n- Punkt ${evil}\n- Produkt ${evil} (nivå ${evil})\n  https://cms.normen.no/#/products/a"b/show`,
      `Vil du ${evil}? Meld deg av:\nhttps://api.normen.no/cancel?token=a&b="c"`,
      'Endre interesser: https://api.normen.no/p?x=1&y=2',
      `Sitat ${evil}\nlinje to`,
    ];
    expect(text).toBe(`${body.join('\n\n')}\n\n--\nFordi ${evil}\n`);
  });

  it('takes sanitized rich text as it is in HTML and as readable text in the text part', () => {
    const rich: Email = {
      subject: 'Nytt',
      blocks: [{ kind: 'rich', html: new SafeHtml('<h2>Nytt</h2><p>Les <a href="https://normen.no">Normen</a> &amp; mer</p><ul><li>Én</li></ul>') }],
    };
    expect(renderHtml(rich)).toContain('<h2>Nytt</h2><p>Les <a href="https://normen.no">Normen</a> &amp; mer</p>');
    expect(renderText(rich)).toBe('Nytt\nLes Normen (https://normen.no) & mer\n- Én\n');
  });
});

describe('review digest', () => {
  const cmsUrl = 'https://cms.normen.no';
  const entries: DigestEntry[] = [
    { product: { id: 'p2', title: 'Veileder for logging & sporing', level: 2 }, dueDate: '2026-12-20', daysLeft: 30 },
    { product: { id: 'p1', title: 'Norm <kjerne>', level: 1 }, dueDate: '2026-11-01', daysLeft: -20 },
    { product: { id: 'p3', title: 'Faktaark om sky', level: 4 }, dueDate: '2026-11-20', daysLeft: 0 },
  ];

  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  const decode = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => entities[name] ?? '');
  /** Title, level, due status and link of each product, read from one part of the parsed message. */
  const factsInText = (text: string) =>
    [...text.matchAll(/^- (.+) \((.+)\): (.+)\n {2}(\S+)$/gm)].map(([, title, level, status, url]) => ({ title, level, status, url }));
  const factsInHtml = (html: string) =>
    [...html.matchAll(/<li><a href="([^"]+)">(.+?)<\/a> \((.+?)\): (.+?)<\/li>/g)].map(([, url = '', title = '', level = '', status = '']) => ({
      title: decode(title),
      level: decode(level),
      status: decode(status),
      url: decode(url),
    }));

  it('says the same about every product in the text and the HTML part', async () => {
    const mail = await simpleParser(Buffer.from(await composeEmail(from, { to: 'eier@normen.no', ...reviewDigest(entries, cmsUrl) })));
    const inText = factsInText(mail.text ?? '');
    const inHtml = factsInHtml(typeof mail.html === 'string' ? mail.html : '');
    expect(inText).toHaveLength(3);
    expect(inHtml).toEqual(inText);
    expect(inText.map((fact) => fact.title)).toEqual(['Norm <kjerne>', 'Faktaark om sky', 'Veileder for logging & sporing']);
    expect(inText[0]).toMatchObject({ status: 'fristen gikk ut 1. november 2026 – produktet vises nå som ikke gjeldende', url: `${cmsUrl}#/products/p1/show` });
    expect(inText[1]?.status).toBe('forfaller i dag (20. november 2026)');
    expect(inText[2]?.status).toBe('forfaller om 30 dager (20. desember 2026)');
    expect(new Set(inText.map((fact) => fact.level)).size).toBe(3);
    expect(mail.subject).toBe('Normen: 1 produkt har passert evalueringsfristen');
    expect(mail.text).toContain('Hilsen Sekretariatet for Normen');
    expect(mail.html).toContain('Hilsen Sekretariatet for Normen');
  });
});
