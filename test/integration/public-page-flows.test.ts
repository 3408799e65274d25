import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, interests, subscriptionRequestSchema } from '../../content-model';
import { updateEvent } from '../../functions/events/events-admin';
import { register } from '../../functions/events/registration';
import { runJob } from '../../functions/jobs/jobs';
import { confirmToken, manageLinks, subscribe } from '../../functions/newsletter/subscriptions';
import { editor, openEvent, participant, registrationToken } from '../support/events';
import { reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

/**
 * The public pages as a person meets them, through the local API server: every page has Normen's
 * header and footer, every form a privacy notice, and every page after a confirm, an unsubscribe, a
 * cancellation, a registration or a refusal a way on. Each HTML answer here passes `expectShell`
 * and, when it has a form with fields, `expectPrivacyNotice`.
 */
let api: TestApi;
let deps: Awaited<ReturnType<typeof reviewDependencies>>;
beforeAll(async () => {
  api = await startTestApi();
  deps = { ...(await reviewDependencies(new Date().toISOString())), store: api.store, table: api.table, publicApiUrl: api.url };
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

/** Header and footer: the Normen name, normen.no from both, and the accessibility statement from the footer. */
function expectShell(body: string, where: string): void {
  expect(body, where).toContain('<html lang="nb">');
  expect(body, where).toContain('<header class="site-header"><a href="https://normen.no">Normen</a></header>');
  const footer = body.match(/<footer class="site-footer">(.*)<\/footer>/s)?.[1] ?? '';
  expect(footer, where).toContain('<p>Normen – Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren</p>');
  expect(footer, where).toContain('<a href="https://normen.no">normen.no</a>');
  expect(footer, where).toContain('<a href="/tilgjengelighet">Tilgjengelighetserklæring</a>');
}

/** A form that asks for anything (not just a button, and not the honeypot) has the notice right after it. */
const asksForInput = /<form\b(?:(?!<\/form>).)*<(?:input|select|textarea)\b(?![^>]*name="website")/s;
function expectPrivacyNotice(body: string, where: string): void {
  expect(body, where).toMatch(/<\/form>\s*<section class="privacy" aria-labelledby="privacy-heading"><h2 id="privacy-heading">Personvern<\/h2>/);
  expect(body.match(/<section class="privacy"/g), where).toHaveLength(1);
  expect(body, where).toContain('<a href="mailto:sekretariatet@normen.no">sekretariatet@normen.no</a>.</p></section>');
}

interface Link {
  href: string;
  text: string;
}
const toNormen: Link = { href: 'https://normen.no', text: 'Gå til normen.no' };

/** The page's ways on (`onwardLinks`), in order; `undefined` when it has none. */
function onward(body: string): Link[] | undefined {
  const nav = body.match(/<nav class="onward" aria-label="Videre"><ul>(.*?)<\/ul><\/nav>/s)?.[1];
  return nav === undefined ? undefined : [...nav.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a><\/li>/g)].map(([, href = '', text = '']) => ({ href, text }));
}

/** Where the secretariat can be reached from a problem page with no way back of its own. */
const askTheSecretariat = 'Får du det ikke til? Skriv til <a href="mailto:sekretariatet@normen.no">sekretariatet@normen.no</a>, så hjelper vi deg.';

async function pageAt(path: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const url = path.startsWith('http') ? path : `${api.url}${path}`;
  const response = await fetch(url, init);
  const body = await response.text();
  const where = `${init?.method ?? 'GET'} ${path} (${response.status})`;
  expect(response.headers.get('content-type'), where).toBe('text/html; charset=utf-8');
  expectShell(body, where);
  if (asksForInput.test(body)) expectPrivacyNotice(body, where);
  return { status: response.status, body };
}

/** A form post, as a browser sends it (repeated fields repeated; a button alone posts no fields). */
function formPost(path: string, fields: Record<string, string | string[]> = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  return pageAt(path, { method: 'POST', body: params });
}

/** The link opened, or its button pressed. */
const open = (path: string, press: boolean) => (press ? formPost(path) : pageAt(path));

/** A link token a mail client or a person broke: cut short, one character changed, or made up. */
const mangled = (token: string) => [token.slice(0, Math.floor(token.length / 2)), `${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`, 'ugyldig'];

const address = (who: string) => `${who}-${randomUUID()}@sykehus.no`;

describe('the newsletter pages', () => {
  it('show errors at the field, "Fyll inn e-post" for a missing address, and keep the ticked interests', async () => {
    const form = await pageAt('/newsletter/subscriptions');
    expect(form.status).toBe(200);
    expect(form.body).toContain('<input id="email" name="email" type="email" autocomplete="email" required value="">');

    for (const email of ['', '   ']) {
      const missing = await formPost('/newsletter/subscriptions', { email, interests: ['privacy', 'events'], website: '' });
      expect(missing.status).toBe(400);
      expect(missing.body).toContain('<a href="#email">E-postadresse: Fyll inn e-post</a>');
      // Between the label and the control, and tied to the control.
      expect(missing.body).toMatch(
        /<label for="email">E-postadresse<\/label><p class="error" id="email-error">Fyll inn e-post<\/p>\s*<input id="email"[^>]* aria-invalid="true" aria-describedby="email-error">/,
      );
      expect(missing.body).toContain('name="interests" value="privacy" checked>');
      expect(missing.body).toContain('name="interests" value="events" checked>');
      expect(missing.body).not.toMatch(/name="interests" value="guides"[^>]* checked/);
    }

    // An interest that does not exist is wrong at the interests, and what was ticked stays ticked.
    const unknown = await formPost('/newsletter/subscriptions', { email: 'ikke-en-adresse', interests: ['guides', 'hagearbeid'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('value="ikke-en-adresse" aria-invalid="true" aria-describedby="email-error">');
    expect(unknown.body).toMatch(
      /<fieldset aria-invalid="true" aria-describedby="interests-error"><legend>[^<]*<\/legend><p class="error" id="interests-error">/,
    );
    expect(unknown.body).toMatch(/<a href="#interests">Interesser: /);
    expect(unknown.body).toContain('name="interests" value="guides" checked>');

    // A JSON caller is told the same about the missing address.
    const json = await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ interests: ['privacy'] }),
    });
    expect(json.status).toBe(400);
    expect(errorResponseSchema.parse(await json.json()).error.fields).toEqual([{ path: 'email', message: 'Fyll inn e-post' }]);
  });

  it('lead on from every result: signed up, confirmed, unsubscribed, already unsubscribed, subscribed again', async () => {
    const email = address('abonnent');
    const signedUp = await formPost('/newsletter/subscriptions', { email, interests: ['privacy', 'events'], website: '' });
    expect(signedUp.status).toBe(202);
    expect(onward(signedUp.body)).toEqual([{ href: 'subscriptions', text: 'Meld på en annen adresse' }, toNormen]);

    const pending = await api.store.subscribers.findByEmail(email);
    if (!pending) throw new Error('no pending subscriber');
    const confirmLink = `/newsletter/confirm?token=${encodeURIComponent(confirmToken(deps, pending, new Date()))}`;
    const button = await pageAt(confirmLink);
    expect(button.body).toContain('<button type="submit">Bekreft</button>');
    expect(onward(button.body)).toEqual([toNormen]);
    const confirmed = await formPost(confirmLink);
    expect(confirmed.status).toBe(200);
    // The page issues its own manage link (its expiry is to the second, so not the one issued here).
    const ways = onward(confirmed.body) ?? [];
    expect(ways).toHaveLength(2);
    const [change, last] = ways;
    expect(change?.text).toBe('Endre interesser');
    expect(change?.href).toMatch(new RegExp(`^${api.url}/newsletter/preferences\\?token=[\\w.%-]+$`));
    expect(last).toEqual(toNormen);
    const links = manageLinks(deps, pending.id, new Date());

    const settings = await pageAt(change?.href ?? '');
    expect(settings.body).toContain(`<p>Innstillinger for ${email}.</p>`);
    expect(settings.body).toContain('<button type="submit">Lagre</button>');
    expect(settings.body).toContain('<button type="submit">Meld meg av nyhetsbrevet</button>');
    expect(onward(settings.body)).toEqual([toNormen]);

    const manageToken = encodeURIComponent(new URL(links.unsubscribe).searchParams.get('token') ?? '');
    const ask = await pageAt(links.unsubscribe);
    expect(ask.body).toContain('<button type="submit">Meld meg av</button>');
    expect(onward(ask.body)).toEqual([{ href: `preferences?token=${manageToken}`, text: 'Endre interesser i stedet' }, toNormen]);
    const left = await formPost(links.unsubscribe);
    expect(left.status).toBe(200);
    expect(left.body).toContain('<h1>Du er meldt av</h1>');
    const rejoin = { href: `preferences?token=${manageToken}`, text: 'Angret? Meld deg på igjen' };
    expect(onward(left.body)).toEqual([rejoin, toNormen]);

    // The preferences page says the address has left, and its button that saving subscribes again.
    const gone = await pageAt(links.preferences);
    expect(gone.body).toContain(`${email} er meldt av og får ingen nyhetsbrev fra Normen.`);
    expect(gone.body).toContain('<button type="submit">Meld på igjen og lagre</button>');
    expect(gone.body).not.toContain('<button type="submit">Lagre</button>');
    expect(gone.body).not.toContain('Meld meg av nyhetsbrevet');
    expect(gone.body).toContain('name="interests" value="privacy" checked>');

    // The unsubscribe link again, opened or pressed: already unsubscribed, with the way back.
    for (const press of [false, true]) {
      const already = await open(links.unsubscribe, press);
      expect(already.status).toBe(200);
      expect(already.body).toContain('<h1>Du er allerede avmeldt</h1>');
      expect(already.body).not.toContain('<button');
      expect(onward(already.body)).toEqual([rejoin, toNormen]);
    }
    expect((await api.store.subscribers.findByEmail(email))?.status).toBe('unsubscribed');

    // «Meld på igjen og lagre»: subscribed again with what was ticked, and the button is «Lagre» again.
    const back = await formPost(links.preferences, { interests: 'guides' });
    expect(back.status).toBe(200);
    expect(back.body).toContain(
      `<p class="notice" role="status">Du er meldt på igjen. ${email} får nyhetsbrevet fra Normen om ${interests.labels.guides}.</p>`,
    );
    expect(back.body).toContain('<button type="submit">Lagre</button>');
    expect(onward(back.body)).toEqual([toNormen]);
    expect(await api.store.subscribers.findByEmail(email)).toMatchObject({ status: 'confirmed', interests: ['guides'] });

    // A refused save shows the form again with what was ticked.
    const refused = await formPost(links.preferences, { interests: ['events', 'hagearbeid'] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/<fieldset aria-invalid="true" aria-describedby="interests-error">/);
    expect(refused.body).toContain('name="interests" value="events" checked>');
    expect(refused.body).not.toContain('name="interests" value="guides" checked>');
    expect((await api.store.subscribers.findByEmail(email))?.interests).toEqual(['guides']);
  });

  it('a pending address sees its preferences with the notice; a mangled link says "Lenken virker ikke" with the way back', async () => {
    const email = address('venter');
    await subscribe(deps, subscriptionRequestSchema.parse({ email, interests: ['consultations'] }), '10.71.0.1');
    const pending = await api.store.subscribers.findByEmail(email);
    if (!pending) throw new Error('no pending subscriber');
    const links = manageLinks(deps, pending.id, new Date());
    const settings = await pageAt(links.preferences);
    expect(settings.body).toContain(`${email} er ikke meldt på ennå`);

    const tokens = { confirm: confirmToken(deps, pending, new Date()), preferences: new URL(links.preferences).searchParams.get('token') ?? '' };
    for (const [path, token] of [
      ['confirm', tokens.confirm],
      ['preferences', tokens.preferences],
      ['unsubscribe', tokens.preferences],
    ] as const) {
      for (const bad of mangled(token)) {
        for (const press of [false, true]) {
          const problem = await open(`/newsletter/${path}?token=${encodeURIComponent(bad)}`, press);
          const where = `${press ? 'POST' : 'GET'} ${path} ${bad}`;
          expect(problem.status, where).toBe(400);
          expect(problem.body, where).toContain('<h1>Lenken virker ikke</h1>');
          expect(problem.body, where).toContain('Lenken er ugyldig eller utløpt. Bruk lenken i den nyeste e-posten fra oss, eller be om en ny.');
          expect(onward(problem.body), where).toEqual([{ href: 'subscriptions', text: 'Meld deg på nyhetsbrevet' }, toNormen]);
        }
      }
    }
    expect(await api.store.subscribers.findByEmail(email)).toEqual(pending);
  }, 60_000);
});

describe('the input form', () => {
  it('keeps its privacy notice after a 400, and leads on from the receipt and from a refusal', async () => {
    expect((await pageAt('/inputs')).status).toBe(200);
    const refused = await formPost('/inputs', { name: 'Per', email: '' });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<a href="#email">E-post: Fyll inn e-post</a>');

    const fields = { name: 'Per Hansen', organisation: 'Helse Vest', stakeholderGroup: 'other', text: 'Vi trenger en veileder om skytjenester.', website: '' };
    const received = await formPost('/inputs', { ...fields, email: address('innspill'), consultationId: 'general' });
    expect(received.status).toBe(201);
    expect(received.body).toContain('<h1>Takk for innspillet!</h1>');
    expect(onward(received.body)).toEqual([{ href: 'inputs', text: 'Send et nytt innspill' }, toNormen]);

    const unknown = await formPost('/inputs', { ...fields, email: address('innspill'), consultationId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<p class="error" id="consultationId-error">Ukjent høring</p>');
    expect(unknown.body).toContain('aria-invalid="true" aria-describedby="consultationId-error">');

    // Past the client's allowance (spent with JSON posts), the form post is the rate limit's page, with the way back.
    const json = { ...fields, email: address('innspill') };
    let status = 0;
    for (let attempt = 0; attempt < 10 && status !== 429; attempt += 1) {
      status = (await fetch(`${api.url}/inputs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) })).status;
    }
    expect(status).toBe(429);
    const limited = await formPost('/inputs', { ...fields, email: address('innspill') });
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('<h1>Prøv igjen senere</h1>');
    expect(onward(limited.body)).toEqual([{ href: 'inputs', text: 'Tilbake til skjemaet' }, toNormen]);
  });
});

describe('the event pages', () => {
  const description =
    '<h2>Program</h2><p>Om <strong>skytjenester</strong> og <a href="https://normen.no/veiledere">veilederne</a>.</p><ul><li>Åpning</li><li>Workshop</li></ul>';

  it('the form shows the event description under the title; registered, confirmed, cancelled and every refusal lead on', async () => {
    const event = await openEvent(deps, {
      startsAt: '2027-11-03T08:00:00Z',
      endsAt: '2027-11-03T15:00:00Z',
      description,
      sessions: [],
      attendance: [{ mode: 'in-person', capacity: 3 }],
    });
    const formPath = `/events/${event.id}/registrations`;
    const registrationUrl = `${api.url}${formPath}`;
    const form = await pageAt(formPath);
    expect(form.status).toBe(200);
    const shown =
      '<div class="description"><h2>Program</h2><p>Om <strong>skytjenester</strong> og <a href="https://normen.no/veiledere" rel="noopener noreferrer">veilederne</a>.</p><ul><li>Åpning</li><li>Workshop</li></ul></div>';
    expect(form.body).toMatch(new RegExp(`<h1>${event.title}</h1>\\s*<p class="meta">[^<]*</p>\\s*${shown.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*<form`));

    // A 400: the form again, description and notice included.
    const person = { name: 'Per Olsen', email: address('deltaker'), organisation: 'Helse Nord', mode: 'in-person' };
    const refused = await formPost(formPath, person);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain(shown);
    expect(refused.body).toContain('<a href="#answers.rolle">Rolle: «Rolle» må fylles ut</a>');

    const received = await formPost(formPath, { ...person, 'answers.rolle': 'Personvernombud', website: '' });
    expect(received.status).toBe(202);
    expect(received.body).toContain('<h2>Takk! Påmeldingen er mottatt</h2>');
    expect(received.body).not.toContain('class="description"');
    expect(onward(received.body)).toEqual([{ href: 'registrations', text: 'Meld på en til' }, toNormen]);

    // Per Olsen, Kari and Ola hold the three seats, Per Persen waits. Kari's link: confirm, confirmed, then cancel, cancelled.
    const kari = await register(deps, event.id, participant(), '10.72.0.1');
    const ola = await register(deps, event.id, participant({ name: 'Ola Nordmann' }), '10.72.0.2');
    const per = await register(deps, event.id, participant({ name: 'Per Persen' }), '10.72.0.3');
    if (kari.kind !== 'registered' || ola.kind !== 'registered' || per.kind !== 'registered') throw new Error('not registered');
    expect([kari.registration.status, ola.registration.status, per.registration.status]).toEqual(['held', 'held', 'waitlisted']);
    const tokenOf = (registration: typeof kari.registration) => encodeURIComponent(registrationToken(deps, registration));
    const cancelOf = (registration: typeof kari.registration) => `cancel?token=${tokenOf(registration)}`;

    const kariConfirm = `/events/registrations/confirm?token=${tokenOf(kari.registration)}`;
    const hold = await pageAt(kariConfirm);
    expect(hold.body).toContain('<button type="submit">Bekreft plassen</button>');
    expect(onward(hold.body)).toEqual([{ href: cancelOf(kari.registration), text: 'Kan du ikke komme? Meld deg av' }, toNormen]);
    for (const press of [true, false]) {
      const confirmed = await open(kariConfirm, press);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatch(/Plassen din (er bekreftet|er allerede bekreftet)/);
      expect(onward(confirmed.body)).toEqual([{ href: cancelOf(kari.registration), text: 'Kan du ikke komme likevel? Meld deg av' }, toNormen]);
    }
    const kariCancel = `/events/registrations/cancel?token=${tokenOf(kari.registration)}`;
    const ask = await pageAt(kariCancel);
    expect(ask.body).toContain('<button type="submit">Meld meg av</button>');
    expect(onward(ask.body)).toEqual([toNormen]);
    const cancelled = await formPost(kariCancel);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toContain('Du er meldt av. Vi har sendt en bekreftelse på e-post.');
    expect(onward(cancelled.body)).toEqual([{ href: registrationUrl, text: 'Angret? Meld deg på igjen' }, toNormen]);
    for (const press of [false, true]) {
      const again = await open(kariCancel, press);
      expect(again.body).toContain('Påmeldingen var allerede avmeldt.');
      expect(onward(again.body)).toEqual([{ href: registrationUrl, text: 'Angret? Meld deg på igjen' }, toNormen]);
    }
    const nothing = await pageAt(kariConfirm);
    expect(nothing.status).toBe(409);
    expect(nothing.body).toContain('Denne påmeldingen er avmeldt, så det er ingen plass å bekrefte.');
    expect(onward(nothing.body)).toEqual([{ href: registrationUrl, text: 'Meld deg på igjen' }, toNormen]);

    // Kari's seat went to Per Persen, so nobody waited; Siri now waits.
    const waiting = await register(deps, event.id, participant({ name: 'Siri Venter' }), '10.72.0.4');
    if (waiting.kind !== 'registered') throw new Error('not registered');
    expect(waiting.registration.status).toBe('waitlisted');
    const wait = await pageAt(`/events/registrations/confirm?token=${tokenOf(waiting.registration)}`);
    expect(wait.status).toBe(409);
    expect(wait.body).toContain('Du står på ventelisten.');
    expect(onward(wait.body)).toEqual([{ href: cancelOf(waiting.registration), text: 'Meld deg av ventelisten' }, toNormen]);

    // Ola lets his hold run out.
    const heldUntil = ola.registration.heldUntil;
    if (!heldUntil) throw new Error('no hold');
    deps.clock.set(heldUntil);
    await runJob(deps, 'seat-holds', { kind: 'schedule', by: null });
    deps.clock.set(new Date().toISOString());
    const expired = await pageAt(`/events/registrations/confirm?token=${tokenOf(ola.registration)}`);
    expect(expired.status).toBe(409);
    expect(expired.body).toContain('<h2>Fristen for å bekrefte plassen er ute</h2>');
    expect(onward(expired.body)).toEqual([{ href: registrationUrl, text: 'Meld deg på igjen' }, toNormen]);

    // Mangled links, a missing event, and a post after registration closed: each a page with a way on.
    for (const path of ['confirm', 'cancel']) {
      for (const bad of mangled(registrationToken(deps, per.registration))) {
        for (const press of [false, true]) {
          const problem = await open(`/events/registrations/${path}?token=${encodeURIComponent(bad)}`, press);
          expect(problem.status, `${path} ${bad}`).toBe(400);
          expect(problem.body).toContain('<h1>Lenken virker ikke</h1>');
          expect(problem.body).toContain(askTheSecretariat);
          expect(onward(problem.body)).toEqual([toNormen]);
        }
      }
    }
    const missing = await pageAt(`/events/${randomUUID()}/registrations`);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<h1>Finner ikke påmeldingen</h1>');
    expect(onward(missing.body)).toEqual([toNormen]);

    const current = await api.store.events.get(event.id);
    if (!current) throw new Error('no event');
    await updateEvent(deps, editor, event.id, { status: 'closed', expectedRevision: current.revision });
    const late = await formPost(formPath, { ...person, email: address('sen'), 'answers.rolle': 'Personvernombud' });
    expect(late.status).toBe(409);
    expect(late.body).toContain('<h1>Det gikk ikke</h1>');
    expect(late.body).toContain(askTheSecretariat);
    expect(onward(late.body)).toEqual([toNormen]);
    const closed = await pageAt(formPath);
    expect(closed.status).toBe(200);
    expect(closed.body).toContain('<p class="notice" role="status">Påmeldingen er stengt.</p>');
    expect(closed.body).toContain(shown);
    expect(closed.body).not.toContain('<form');
    expect(onward(closed.body)).toEqual([toNormen]);
  }, 120_000);

  it('a cancelled event offers no registration again: cancel and confirm pages lead to normen.no', async () => {
    const event = await openEvent(deps, { startsAt: '2027-11-04T08:00:00Z', endsAt: '2027-11-04T15:00:00Z', sessions: [], questions: [] });
    const kari = await register(deps, event.id, participant({ answers: {} }), '10.73.0.1');
    if (kari.kind !== 'registered') throw new Error('not registered');
    const current = await api.store.events.get(event.id);
    if (!current) throw new Error('no event');
    await updateEvent(deps, editor, event.id, { status: 'cancelled', expectedRevision: current.revision });
    const token = encodeURIComponent(registrationToken(deps, kari.registration));
    const confirm = await pageAt(`/events/registrations/confirm?token=${token}`);
    expect(confirm.status).toBe(409);
    expect(confirm.body).toContain('Arrangementet er avlyst');
    expect(onward(confirm.body)).toEqual([toNormen]);
    const cancelled = await formPost(`/events/registrations/cancel?token=${token}`);
    expect(cancelled.status).toBe(200);
    expect(onward(cancelled.body)).toEqual([toNormen]);
  }, 60_000);
});
