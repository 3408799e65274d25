import { interests, type Subscriber } from '../../content-model';
import { html, type SafeHtml } from '../shared/html';
import { choiceGroup, emptyForm, errorSummary, honeypot, privacyNotice, textField, type FormState } from '../shared/web/fields';
import { onwardLinks, page, secretariatEmail } from '../shared/web/page';
import { receivesNothing, type UnsubscribeOutcome } from './subscriptions';
import type { ProblemWording } from '../shared/web/problem';

const labels = { email: 'E-postadresse', interests: 'Interesser' };

function interestBoxes(state: FormState): SafeHtml {
  return choiceGroup(state, {
    name: 'interests',
    legend: 'Interesser (velg ingen for bare generelle nyheter)',
    type: 'checkbox',
    options: interests.codes.map((code) => ({ value: code, label: interests.labels[code] })),
  });
}

/** Under both newsletter forms, the sign-up and the preferences: they keep the same data. */
const newsletterPrivacy = privacyNotice({
  stored: 'Vi lagrer e-postadressen din, interessene du velger, og når du meldte deg på og bekreftet.',
  purpose: 'Vi bruker dem bare til å sende deg nyhetsbrevet.',
  kept: 'Når du melder deg av, sender vi ikke flere nyhetsbrev; adressen slettes når du ber om det.',
});

export function subscriptionFormPage(state: FormState = emptyForm): string {
  return page(
    'Nyhetsbrev',
    html`<h1>Abonner på nyhetsbrevet fra Normen</h1>
<p>Velg hvilke interessefelt du vil ha nyhetsbrev om. Velger du ingen, får du de generelle nyhetene. Du kan når som helst endre innstillingene eller melde deg av.</p>
${errorSummary(state.errors, labels)}
<form method="post" action="subscriptions" accept-charset="utf-8">
  ${textField(state, { name: 'email', label: labels.email, type: 'email', autocomplete: 'email', required: true })}
  ${interestBoxes(state)}
  ${honeypot()}
  <button type="submit">Abonner</button>
</form>
${newsletterPrivacy}`,
  );
}

export function checkYourEmailPage(): string {
  return page(
    'Sjekk e-posten din',
    html`<h1>Sjekk e-posten din</h1><p class="notice">Vi har sendt en e-post til adressen du oppga. Åpne lenken i den for å bekrefte abonnementet. Finner du den ikke, se i søppelposten.</p>
${onwardLinks([{ href: 'subscriptions', text: 'Meld på en annen adresse' }])}`,
  );
}

/**
 * What the link in the confirmation email opens: one button that confirms. The link itself changes
 * nothing, because mail scanners (Microsoft Safe Links) open every link before the person does.
 */
export function confirmPage(subscriber: Subscriber, token: string): string {
  return page(
    'Bekreft abonnementet',
    html`<h1>Bekreft abonnementet på nyhetsbrevet fra Normen</h1>
<p>${subscriber.email} er meldt på nyhetsbrevet om ${chosenInterests(subscriber)}. Trykk «Bekreft» for å begynne å få det.</p>
<form method="post" action="confirm?token=${encodeURIComponent(token)}"><button type="submit">Bekreft</button></form>
<p>Har du ikke bedt om dette, kan du lukke siden. Da får du ingenting fra oss.</p>
${onwardLinks([])}`,
  );
}

const chosenInterests = (subscriber: Subscriber) =>
  subscriber.interests.length === 0 ? 'generelle nyheter' : subscriber.interests.map((code) => interests.labels[code]).join(', ');

export function confirmedPage(subscriber: Subscriber, preferencesUrl: string): string {
  return page(
    'Abonnementet er bekreftet',
    html`<h1>Takk! Abonnementet er bekreftet</h1><p class="notice">${subscriber.email} får nå nyhetsbrevet fra Normen.</p>
${onwardLinks([{ href: preferencesUrl, text: 'Endre interesser' }])}`,
  );
}

/** What the last press of the preferences form did. */
export type PreferencesResult = 'saved' | 'resubscribed';

const resubscribeButton = 'Meld på igjen og lagre';

/** Where the address stands, above the form: for one that has left, what the button will do. */
function standing(subscriber: Subscriber, result: PreferencesResult | undefined): SafeHtml {
  if (result === 'resubscribed') {
    return html`<p class="notice" role="status">Du er meldt på igjen. ${subscriber.email} får nyhetsbrevet fra Normen om ${chosenInterests(subscriber)}.</p>`;
  }
  const saved = result === 'saved' ? html`<p class="notice" role="status">Innstillingene er lagret.</p>` : '';
  switch (subscriber.status) {
    case 'confirmed':
      return html`${saved}<p>Innstillinger for ${subscriber.email}.</p>`;
    case 'unsubscribed':
      return html`${saved}<p class="notice">${subscriber.email} er meldt av og får ingen nyhetsbrev fra Normen. Vil du ha nyhetsbrevet igjen, velg interesser og trykk «${resubscribeButton}».</p>`;
    case 'pending':
      return html`${saved}<p class="notice">${subscriber.email} er ikke meldt på ennå: påmeldingen venter på at du trykker «Bekreft» fra lenken i e-posten vi sendte. Interessene kan du endre nå.</p>`;
    case 'suppressed':
      return html`<p class="notice">Vi sender ikke nyhetsbrev til ${subscriber.email}, fordi e-post til adressen ikke kom fram eller ble meldt som uønsket. Vil du ha nyhetsbrevet igjen, skriv til <a href="mailto:${secretariatEmail}">${secretariatEmail}</a>.</p>`;
  }
}

/**
 * The preferences form; after a 400 `state` holds what was ticked and why it was refused. For an
 * address that has left, the button says it subscribes again; a suppressed one has no form.
 */
export function preferencesPage(subscriber: Subscriber, token: string, options: { result?: PreferencesResult; state?: FormState } = {}): string {
  const query = `?token=${encodeURIComponent(token)}`;
  const state = options.state ?? { values: { interests: subscriber.interests }, errors: [] };
  const forms =
    subscriber.status === 'suppressed'
      ? ''
      : html`${errorSummary(state.errors, labels)}
<form method="post" action="preferences${query}">
  ${interestBoxes(state)}
  <button type="submit">${subscriber.status === 'unsubscribed' ? resubscribeButton : 'Lagre'}</button>
</form>
${receivesNothing(subscriber) ? '' : html`<form method="post" action="unsubscribe${query}"><button type="submit">Meld meg av nyhetsbrevet</button></form>`}
${newsletterPrivacy}`;
  return page(
    'Innstillinger for nyhetsbrevet',
    html`<h1>Innstillinger for nyhetsbrevet</h1>
${standing(subscriber, options.result)}
${forms}
${onwardLinks([])}`,
  );
}

/** Behind the «Meld deg av» link: the button, or for an address that gets nothing already, just that. */
export function unsubscribePage(subscriber: Subscriber, token: string): string {
  const query = `?token=${encodeURIComponent(token)}`;
  if (receivesNothing(subscriber)) return alreadyUnsubscribedPage(subscriber, `preferences${query}`);
  return page(
    'Meld deg av',
    html`<h1>Meld deg av nyhetsbrevet fra Normen</h1>
<p>Trykk «Meld meg av», så får ${subscriber.email} ikke flere nyhetsbrev fra Normen.</p>
<form method="post" action="unsubscribe${query}"><button type="submit">Meld meg av</button></form>
${onwardLinks([{ href: `preferences${query}`, text: 'Endre interesser i stedet' }])}`,
  );
}

/** A way back for an address that left on its own; a suppressed one is told why on the preferences page. */
const rejoinLinks = (subscriber: Subscriber, preferencesUrl: string) =>
  onwardLinks([{ href: preferencesUrl, text: subscriber.status === 'suppressed' ? 'Se innstillingene' : 'Angret? Meld deg på igjen' }]);

function alreadyUnsubscribedPage(subscriber: Subscriber, preferencesUrl: string): string {
  return page(
    'Du er allerede avmeldt',
    html`<h1>Du er allerede avmeldt</h1><p class="notice" role="status">${subscriber.email} får ingen nyhetsbrev fra Normen.</p>
${rejoinLinks(subscriber, preferencesUrl)}`,
  );
}

/** After the unsubscribe POST (the button, or a mail client's RFC 8058 one-click). */
export function unsubscribedPage({ subscriber, already }: UnsubscribeOutcome, preferencesUrl: string): string {
  if (already) return alreadyUnsubscribedPage(subscriber, preferencesUrl);
  return page(
    'Du er meldt av',
    html`<h1>Du er meldt av</h1><p class="notice" role="status">${subscriber.email} får ikke flere nyhetsbrev fra Normen.</p>
${rejoinLinks(subscriber, preferencesUrl)}`,
  );
}

const back = { href: 'subscriptions', text: 'Meld deg på nyhetsbrevet' };

/** A refused sign-up (too many at once, a rate limit), with the way back to the form. */
export const signUpProblem: ProblemWording = { title: 'Påmeldingen ble ikke sendt', back };

/** A refused link (bad, expired, used or replaced). */
export const linkProblem: ProblemWording = { title: 'Lenken virker ikke', back };
