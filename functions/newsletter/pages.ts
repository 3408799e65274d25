import { interests, type Interest, type Subscriber } from '../../content-model';
import type { FieldError } from '../shared/errors';
import { html, page, type SafeHtml } from '../shared/html';
import type { ProblemPage } from '../shared/http/error-responses';

function interestBoxes(chosen: readonly Interest[]): SafeHtml {
  return html`<fieldset><legend>Interesser (velg ingen for bare generelle nyheter)</legend>
${interests.codes.map(
  (code) =>
    html`<label class="check"><input type="checkbox" name="interests" value="${code}"${chosen.includes(code) ? html` checked` : ''}> ${interests.labels[code]}</label>`,
)}
</fieldset>`;
}

const checkStyle = html`<style>.check { font-weight: 400; display: flex; gap: .5rem; align-items: center; margin-top: .4rem } .check input { width: auto } fieldset { margin-top: 1rem; border: 1px solid #ccc }</style>`;

export function subscriptionFormPage(state: { email?: string; interests?: Interest[]; errors?: FieldError[] } = {}, status = 200) {
  const errors = state.errors ?? [];
  return {
    status,
    body: page(
      'Nyhetsbrev',
      html`${checkStyle}<h1>Abonner på nyhetsbrevet fra Normen</h1>
<p>Velg hvilke interessefelt du vil ha nyhetsbrev om. Velger du ingen, får du de generelle nyhetene. Du kan når som helst endre innstillingene eller melde deg av.</p>
${errors.length ? html`<div class="errors" role="alert"><ul>${errors.map((error) => html`<li>${error.path === 'email' ? 'E-post' : 'Interesser'}: ${error.message}</li>`)}</ul></div>` : ''}
<form method="post" action="subscriptions" accept-charset="utf-8">
  <label for="email">E-postadresse</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${state.email ?? ''}">
  ${interestBoxes(state.interests ?? [])}
  <div class="hp" aria-hidden="true"><label for="website">Nettsted (la stå tomt)</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Abonner</button>
</form>`,
    ),
  };
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

export function preferencesPage(subscriber: Subscriber, token: string, saved = false): string {
  const query = `?token=${encodeURIComponent(token)}`;
  return page(
    'Innstillinger for nyhetsbrevet',
    html`${checkStyle}<h1>Innstillinger for nyhetsbrevet</h1>
${saved ? html`<p class="notice" role="status">Innstillingene er lagret.</p>` : ''}
${subscriber.status === 'unsubscribed' ? html`<p class="notice">${subscriber.email} er meldt av nyhetsbrevet.</p>` : html`<p>Innstillinger for ${subscriber.email}.</p>`}
<form method="post" action="preferences${query}">
  ${interestBoxes(subscriber.interests)}
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

/** A refused link or sign-up (bad or used link, too many sign-ups), with the way back to the form. */
export const problemPage: ProblemPage = ({ title, message }) =>
  page(title, html`<h1>${title}</h1><p class="notice">${message}</p><p><a href="subscriptions">Meld deg på nyhetsbrevet</a></p>`);
