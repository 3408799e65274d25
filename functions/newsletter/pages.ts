import { interests, type Subscriber } from '../../content-model';
import { html, type SafeHtml } from '../shared/html';
import { choiceGroup, emptyForm, errorSummary, honeypot, privacyNotice, textField, type FormState } from '../shared/web/fields';
import { page } from '../shared/web/page';
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
${privacyNotice({
  stored: 'Vi lagrer e-postadressen din, interessene du velger, og når du meldte deg på og bekreftet.',
  purpose: 'Vi bruker dem bare til å sende deg nyhetsbrevet.',
  kept: 'Når du melder deg av, sender vi ikke flere nyhetsbrev; adressen slettes når du ber om det.',
})}`,
  );
}

export function checkYourEmailPage(): string {
  return page(
    'Sjekk e-posten din',
    html`<h1>Sjekk e-posten din</h1><p class="notice">Vi har sendt en e-post til adressen du oppga. Åpne lenken i den for å bekrefte abonnementet. Finner du den ikke, se i søppelposten.</p>`,
  );
}

/**
 * What the link in the confirmation email opens: one button that confirms. The link itself changes
 * nothing, because mail scanners (Microsoft Safe Links) open every link before the person does.
 */
export function confirmPage(subscriber: Subscriber, token: string): string {
  const chosen = subscriber.interests.length === 0 ? 'generelle nyheter' : subscriber.interests.map((code) => interests.labels[code]).join(', ');
  return page(
    'Bekreft abonnementet',
    html`<h1>Bekreft abonnementet på nyhetsbrevet fra Normen</h1>
<p>${subscriber.email} er meldt på nyhetsbrevet om ${chosen}. Trykk «Bekreft» for å begynne å få det.</p>
<form method="post" action="confirm?token=${encodeURIComponent(token)}"><button type="submit">Bekreft</button></form>
<p>Har du ikke bedt om dette, kan du lukke siden. Da får du ingenting fra oss.</p>`,
  );
}

export function confirmedPage(subscriber: Subscriber, preferencesUrl: string): string {
  return page(
    'Abonnementet er bekreftet',
    html`<h1>Takk! Abonnementet er bekreftet</h1><p class="notice">${subscriber.email} får nå nyhetsbrevet fra Normen.</p><p><a href="${preferencesUrl}">Endre interesser</a></p>`,
  );
}

/** The preferences form; after a 400 `state` holds what was ticked and why it was refused. */
export function preferencesPage(subscriber: Subscriber, token: string, options: { saved?: boolean; state?: FormState } = {}): string {
  const query = `?token=${encodeURIComponent(token)}`;
  const state = options.state ?? { values: { interests: subscriber.interests }, errors: [] };
  return page(
    'Innstillinger for nyhetsbrevet',
    html`<h1>Innstillinger for nyhetsbrevet</h1>
${options.saved ? html`<p class="notice" role="status">Innstillingene er lagret.</p>` : ''}
${subscriber.status === 'unsubscribed' ? html`<p class="notice">${subscriber.email} er meldt av nyhetsbrevet.</p>` : html`<p>Innstillinger for ${subscriber.email}.</p>`}
${errorSummary(state.errors, labels)}
<form method="post" action="preferences${query}">
  ${interestBoxes(state)}
  <button type="submit">Lagre</button>
</form>
<form method="post" action="unsubscribe${query}"><button type="submit">Meld meg av nyhetsbrevet</button></form>`,
  );
}

export function unsubscribePage(token: string): string {
  return page(
    'Meld deg av',
    html`<h1>Meld deg av nyhetsbrevet fra Normen</h1>
<form method="post" action="unsubscribe?token=${encodeURIComponent(token)}"><button type="submit">Meld meg av</button></form>`,
  );
}

export function unsubscribedPage(subscriber: Subscriber, preferencesUrl: string): string {
  return page(
    'Du er meldt av',
    html`<h1>Du er meldt av</h1><p class="notice">${subscriber.email} får ikke flere nyhetsbrev fra Normen.</p><p>Angret? <a href="${preferencesUrl}">Velg interesser og meld deg på igjen</a>.</p>`,
  );
}

const back = { href: 'subscriptions', text: 'Meld deg på nyhetsbrevet' };

/** A refused sign-up (too many at once, a rate limit), with the way back to the form. */
export const signUpProblem: ProblemWording = { title: 'Påmeldingen ble ikke sendt', back };

/** A refused link (bad, expired, used or replaced). */
export const linkProblem: ProblemWording = { title: 'Lenken virker ikke', back };
