import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, subscriptionRequestSchema } from '../../content-model';
import { confirm, confirmation, preferences, subscribe, unsubscribe, updatePreferences } from '../../functions/newsletter/subscriptions';
import { audiencePartition } from '../../functions/newsletter/subscriber-repository';
import { queryPrefix } from '../../functions/shared/db/client';
import { ValidationError } from '../../functions/shared/errors';
import { emailsTo, reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

// One API server per file: the handlers read their configuration once, when first loaded.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const address = () => `abonnent-${randomUUID()}@sykehus.no`;

/** The link with the given path from the newest email to `to` in the SES local store. */
async function linkFromEmail(to: string, path: string): Promise<string> {
  const emails = await emailsTo(to);
  const text = emails.at(-1)?.body.text ?? '';
  const link = text.match(new RegExp(`https?://\\S+${path}\\?token=\\S+`))?.[0];
  if (!link) throw new Error(`No ${path} link in the email to ${to}: ${text}`);
  return link;
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

async function audienceMembers(deps: Deps, audience: Parameters<typeof audiencePartition>[0]): Promise<string[]> {
  return queryPrefix(deps.table, { pk: audiencePartition(audience), prefix: 'SUBSCRIBER#' }, (item) => String(item.subscriberId));
}

describe('subscriptions with double opt-in', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });

  it('subscribes, and only the link from the confirmation email makes the address a recipient', async () => {
    const email = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email: email.toUpperCase(), interests: ['privacy', 'events'] }), '10.1.0.1');
    const pending = await deps.store.subscribers.findByEmail(email);
    expect(pending).toMatchObject({ email, status: 'pending', interests: ['privacy', 'events'] });
    expect(await audienceMembers(deps, 'privacy')).not.toContain(pending?.id);

    const [confirmation] = await emailsTo(email);
    expect(confirmation?.subject).toBe('Bekreft abonnementet på nyhetsbrevet fra Normen');
    const confirmed = await confirm(deps, tokenOf(await linkFromEmail(email, '/newsletter/confirm')));
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: '2026-11-22T09:00:00.000Z' });
    expect(await audienceMembers(deps, 'privacy')).toContain(confirmed.id);
    expect(await audienceMembers(deps, 'all')).toContain(confirmed.id);
    expect(await audienceMembers(deps, 'guides')).not.toContain(confirmed.id);
  });

  it('answers a second sign-up of a subscribed address the same way, telling only the owner by email', async () => {
    const email = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email }), '10.1.0.2');
    await confirm(deps, tokenOf(await linkFromEmail(email, '/newsletter/confirm')));
    await expect(subscribe(deps, subscriptionRequestSchema.parse({ email, interests: ['guides'] }), '10.1.0.2')).resolves.toBeUndefined();
    const emails = await emailsTo(email);
    expect(emails.at(-1)?.subject).toBe('Du abonnerer allerede på nyhetsbrevet fra Normen');
    expect((await deps.store.subscribers.findByEmail(email))?.interests).toEqual([]);
  });

  it('refuses tampered, expired and wrong-purpose links, changing nothing', async () => {
    const email = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email }), '10.1.0.3');
    const token = tokenOf(await linkFromEmail(email, '/newsletter/confirm'));
    const [data, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ s: 'someone-else', p: 'confirm', e: null })).toString('base64url')}.${signature}`;
    await expect(confirm(deps, forged)).rejects.toMatchObject({ status: 400, fields: [{ path: 'token' }] });
    await expect(confirm(deps, `${data}.${signature?.slice(0, -2)}xx`)).rejects.toBeInstanceOf(ValidationError);
    await expect(unsubscribe(deps, token)).rejects.toBeInstanceOf(ValidationError); // a confirm link cannot unsubscribe
    deps.clock.set('2026-11-29T09:00:01Z'); // seven days and a second later
    await expect(confirm(deps, token)).rejects.toBeInstanceOf(ValidationError);
    expect((await deps.store.subscribers.findByEmail(email))?.status).toBe('pending');
    deps.clock.set('2026-11-22T09:00:00Z');
  });

  it('changes interests and unsubscribes from the manage link, and re-subscribes from it', async () => {
    const email = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email, interests: ['guides'] }), '10.1.0.4');
    const subscriber = await confirm(deps, tokenOf(await linkFromEmail(email, '/newsletter/confirm')));
    await subscribe(deps, subscriptionRequestSchema.parse({ email }), '10.1.0.4'); // sends the manage links
    const manage = tokenOf(await linkFromEmail(email, '/newsletter/preferences'));
    expect((await preferences(deps, manage)).interests).toEqual(['guides']);

    await updatePreferences(deps, manage, { interests: ['consultations'] });
    expect(await audienceMembers(deps, 'guides')).not.toContain(subscriber.id);
    expect(await audienceMembers(deps, 'consultations')).toContain(subscriber.id);

    const left = await unsubscribe(deps, manage);
    expect(left).toMatchObject({ subscriber: { status: 'unsubscribed' }, already: false });
    await expect(unsubscribe(deps, manage)).resolves.toMatchObject({ subscriber: { status: 'unsubscribed' }, already: true }); // idempotent
    expect(await audienceMembers(deps, 'all')).not.toContain(subscriber.id);
    expect(await audienceMembers(deps, 'consultations')).not.toContain(subscriber.id);

    const back = await updatePreferences(deps, manage, { interests: [] });
    expect(back).toMatchObject({ kind: 'resubscribed', subscriber: { status: 'confirmed' } });
    expect(await audienceMembers(deps, 'all')).toContain(subscriber.id);
  });

  it('changes nothing when the confirm link is opened; the button confirms once, and not again after an unsubscribe', async () => {
    const email = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email, interests: ['privacy'] }), '10.1.0.6');
    const token = tokenOf(await linkFromEmail(email, '/newsletter/confirm'));
    const pending = await deps.store.subscribers.findByEmail(email);

    // What GET /newsletter/confirm does (Safe Links opens it before the person does): reads only.
    expect((await confirmation(deps, token)).subscriber).toMatchObject({ status: 'pending' });
    expect(await deps.store.subscribers.findByEmail(email)).toEqual(pending);
    expect(await audienceMembers(deps, 'all')).not.toContain(pending?.id);

    const confirmed = await confirm(deps, token);
    expect(confirmed).toMatchObject({ status: 'confirmed' });
    expect(await audienceMembers(deps, 'privacy')).toContain(confirmed.id);
    // A second click on the button changes nothing more.
    await expect(confirm(deps, token)).resolves.toMatchObject({ status: 'confirmed', revision: confirmed.revision });

    await subscribe(deps, subscriptionRequestSchema.parse({ email }), '10.1.0.6'); // sends the manage links
    await unsubscribe(deps, tokenOf(await linkFromEmail(email, '/newsletter/unsubscribe')));
    const left = await deps.store.subscribers.findByEmail(email);
    expect(left?.status).toBe('unsubscribed');

    // The old confirmation link, opened or posted again, does not sign the person up again.
    await expect(confirmation(deps, token)).rejects.toMatchObject({ status: 400, fields: [{ path: 'token' }] });
    await expect(confirm(deps, token)).rejects.toMatchObject({ status: 400, fields: [{ path: 'token' }] });
    expect(await deps.store.subscribers.findByEmail(email)).toEqual(left);
    expect(await audienceMembers(deps, 'all')).not.toContain(confirmed.id);
  });

  it('refuses an older confirm link once a newer sign-up request has sent another, and confirms from the newer one', async () => {
    const email = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email, interests: ['guides'] }), '10.1.0.7');
    const first = tokenOf(await linkFromEmail(email, '/newsletter/confirm'));
    await subscribe(deps, subscriptionRequestSchema.parse({ email, interests: ['events'] }), '10.1.0.7');
    const second = tokenOf(await linkFromEmail(email, '/newsletter/confirm'));
    expect(second).not.toBe(first);

    await expect(confirm(deps, first)).rejects.toMatchObject({ status: 400, fields: [{ path: 'token' }] });
    expect((await deps.store.subscribers.findByEmail(email))?.status).toBe('pending');

    // Two clicks at the same moment: one write confirms, the other answers with its result.
    const [a, b] = await Promise.all([confirm(deps, second), confirm(deps, second)]);
    expect(a).toMatchObject({ status: 'confirmed', interests: ['events'] });
    expect(b).toMatchObject({ status: 'confirmed', revision: a.revision });
    const stored = await deps.store.subscribers.findByEmail(email);
    expect(stored).toMatchObject({ status: 'confirmed', revision: a.revision });
    expect(stored?.confirmationNonce).toBeUndefined();
  });

  it('throws honeypot catches away and rate limits sign-ups per client', async () => {
    const bot = address();
    await subscribe(deps, subscriptionRequestSchema.parse({ email: bot, website: 'http://spam.example' }), '10.1.0.5');
    expect(await deps.store.subscribers.findByEmail(bot)).toBeNull();
    expect(await emailsTo(bot)).toEqual([]);
    for (let i = 0; i < 4; i += 1) await subscribe(deps, subscriptionRequestSchema.parse({ email: address() }), '10.1.0.5');
    await expect(subscribe(deps, subscriptionRequestSchema.parse({ email: address() }), '10.1.0.5')).rejects.toMatchObject({ status: 429 });
  });
});

describe('newsletter pages and RFC 8058 one-click unsubscribe through the API', () => {
  it('rejects an invalid email and an unknown interest with 400 naming the fields, storing nothing', async () => {
    const email = address();
    const response = await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ikke-en-adresse', interests: ['gardening'] }),
    });
    expect(response.status).toBe(400);
    expect(
      errorResponseSchema
        .parse(await response.json())
        .error.fields.map((field) => field.path)
        .sort(),
    ).toEqual(['email', 'interests.0']);
    const unknownInterest = await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, interests: ['gardening'] }),
    });
    expect(unknownInterest.status).toBe(400);
    expect(await api.store.subscribers.findByEmail(email)).toBeNull();
  });

  it('signs up through the HTML form, confirms from the email, and unsubscribes with one POST', async () => {
    const email = address();
    const form = await fetch(`${api.url}/newsletter/subscriptions`);
    expect(await form.text()).toContain('name="interests" value="privacy"');

    const signUp = await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      body: new URLSearchParams([
        ['email', email],
        ['interests', 'privacy'],
        ['interests', 'events'],
        ['website', ''],
      ]),
    });
    expect(signUp.status).toBe(202);
    expect(await signUp.text()).toContain('Sjekk e-posten din');
    expect((await api.store.subscribers.findByEmail(email))?.interests).toEqual(['privacy', 'events']);

    const confirmLink = await linkFromEmail(email, '/newsletter/confirm');
    expect(confirmLink.startsWith(`${api.url}/newsletter/confirm?token=`)).toBe(true);
    // Opening the link (as Safe Links does) shows the button and changes nothing.
    const confirmPage = await fetch(confirmLink);
    expect(confirmPage.status).toBe(200);
    const confirmHtml = await confirmPage.text();
    expect(confirmHtml).toContain('Bekreft</button>');
    expect(confirmHtml).toContain(`<form method="post" action="confirm?token=${encodeURIComponent(tokenOf(confirmLink))}">`);
    expect((await api.store.subscribers.findByEmail(email))?.status).toBe('pending');
    const confirmed = await fetch(confirmLink, { method: 'POST' }); // the button: a form post without fields
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Abonnementet er bekreftet');
    expect((await api.store.subscribers.findByEmail(email))?.status).toBe('confirmed');

    const manage = await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(manage.status).toBe(202);
    expect(await manage.json()).toEqual({ status: 'check-your-email' });
    const unsubscribeLink = await linkFromEmail(email, '/newsletter/unsubscribe');

    const page = await fetch(unsubscribeLink);
    expect(await page.text()).toContain('Meld meg av</button>');
    expect((await api.store.subscribers.findByEmail(email))?.status).toBe('confirmed'); // a GET changes nothing

    // What a mail client sends for List-Unsubscribe-Post: List-Unsubscribe=One-Click.
    const oneClick = await fetch(unsubscribeLink, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) });
    expect(oneClick.status).toBe(200);
    expect((await api.store.subscribers.findByEmail(email))?.status).toBe('unsubscribed');

    // The confirm button posted again (a replayed request, a scanner that submits forms) does not resubscribe.
    const replay = await fetch(confirmLink, { method: 'POST' });
    expect(replay.status).toBe(400);
    expect(replay.headers.get('content-type')).toMatch(/text\/html/);
    expect(await replay.text()).toContain('Lenken er allerede brukt');
    expect((await api.store.subscribers.findByEmail(email))?.status).toBe('unsubscribed');
  });

  it('answers a tampered link with a 400 page', async () => {
    const response = await fetch(`${api.url}/newsletter/preferences?token=${'x'.repeat(20)}.${'y'.repeat(43)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('Lenken virker ikke');
  });
});

describe('subscriber admin', () => {
  const call = async (role: 'editor' | 'committee', method: string, path: string) =>
    fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${await api.tokenFor(role)}` } });

  it('lists, searches and exports subscribers for editors only, and erases one with an audit record', async () => {
    const anne = `anne-${randomUUID()}@kommune.no`;
    const bjorn = `bjorn-${randomUUID()}@sykehus.no`;
    for (const [email, interests] of [
      [anne, ['privacy']],
      [bjorn, []],
    ] as const) {
      await fetch(`${api.url}/newsletter/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, interests }),
      });
    }
    await fetch(await linkFromEmail(anne, '/newsletter/confirm'), { method: 'POST' });

    expect((await call('committee', 'GET', '/admin/subscribers')).status).toBe(403);
    const all = (await (await call('editor', 'GET', '/admin/subscribers')).json()) as { items: { id: string; email: string; status: string }[] };
    // Sorted by address; other tests in this file share the table, so look at these two.
    expect(all.items.map((item) => item.email).filter((email) => email === anne || email === bjorn)).toEqual([anne, bjorn]);
    expect(JSON.stringify(all.items)).not.toContain('confirmationNonce'); // part of Bjørn's pending link
    const search = (await (await call('editor', 'GET', '/admin/subscribers?q=BJORN')).json()) as { items: { email: string }[] };
    expect(search.items.map((item) => item.email)).toEqual([bjorn]);
    const confirmedPrivacy = (await (await call('editor', 'GET', '/admin/subscribers?status=confirmed&interest=privacy')).json()) as {
      items: { email: string }[];
    };
    expect(confirmedPrivacy.items.map((item) => item.email)).toEqual([anne]);
    const csv = await (await call('editor', 'GET', '/admin/subscribers.csv?status=pending')).text();
    expect(csv).toContain(`${bjorn};Venter på bekreftelse;Generelle nyheter`);
    expect(csv).not.toContain(anne);

    const anneId = all.items.find((item) => item.email === anne)?.id ?? '';
    expect((await call('editor', 'DELETE', `/admin/subscribers/${anneId}`)).status).toBe(204);
    expect(await api.store.subscribers.findByEmail(anne)).toBeNull();
    const audit = await api.store.audit.listFor('subscriber', anneId);
    expect(audit[0]).toMatchObject({ action: 'erased', by: 'redaktor@normen.local' });
    expect(JSON.stringify(audit)).not.toContain(anne);
    expect((await call('editor', 'DELETE', `/admin/subscribers/${anneId}`)).status).toBe(404);
    // Links in old emails now lead nowhere, and the address can sign up afresh.
    expect((await fetch(await linkFromEmail(anne, '/newsletter/confirm'))).status).toBe(400);
  });
});
