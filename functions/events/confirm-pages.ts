import { attendanceModes, formatOsloDateTime, type NormenEvent, type Registration } from '../../content-model';
import { html } from '../shared/html';
import { onwardLinks, page } from '../shared/web/page';
import { eventHeader } from './pages';
import type { ConfirmOutcome } from './registration';

/**
 * The pages behind the «Bekreft plassen» link. The GET page only shows the button (mail scanners
 * open every link); the POST from it confirms.
 */

const who = (registration: Registration) => `${registration.name} (${attendanceModes.labels[registration.mode]})`;

export function confirmSeatPage(event: NormenEvent, registration: Registration, token: string): string {
  const query = `?token=${encodeURIComponent(token)}`;
  return page(
    'Bekreft plassen',
    html`${eventHeader(event)}<p>Plassen er holdt for ${who(registration)} til <strong>${formatOsloDateTime(registration.heldUntil ?? '')}</strong>.</p>
<form method="post" action="confirm${query}"><button type="submit">Bekreft plassen</button></form>
<p class="meta">Bekrefter du ikke innen fristen, går plassen videre til den første på ventelisten.</p>
${onwardLinks([{ href: `cancel${query}`, text: 'Kan du ikke komme? Meld deg av' }])}`,
  );
}

/**
 * After the button, or whenever the link is opened again: where the registration stands, and a way
 * on from there. The same token opens the cancel page (`cancel?token=`, beside this one), and
 * `registrationUrl` is the event's form.
 */
export function confirmOutcomePage(outcome: ConfirmOutcome, token: string, registrationUrl: string): { status: number; body: string } {
  const { event, registration } = outcome;
  const cancel = { href: `cancel?token=${encodeURIComponent(token)}`, text: 'Kan du ikke komme likevel? Meld deg av' };
  switch (outcome.kind) {
    case 'confirmed':
    case 'already-confirmed':
      return {
        status: 200,
        body: page(
          'Plassen er bekreftet',
          html`${eventHeader(event)}<p class="notice" role="status">${outcome.kind === 'confirmed' ? 'Takk! Plassen din er bekreftet, og du er påmeldt. Vi har sendt en bekreftelse med kalenderfil på e-post.' : 'Plassen din er allerede bekreftet. Du er påmeldt.'}</p>
${onwardLinks([cancel])}`,
        ),
      };
    case 'expired':
      return {
        status: 409,
        body: page(
          'Fristen for å bekrefte er ute',
          html`${eventHeader(event)}<h2>Fristen for å bekrefte plassen er ute</h2>
<p class="notice" role="alert">Plassen ble holdt for deg til ${formatOsloDateTime(registration.heldUntil ?? '')}, men ble ikke bekreftet i tide, så den er gitt videre. Du er ikke påmeldt.</p>
<p>Du kan melde deg på igjen så lenge påmeldingen er åpen. Er det fullt, kommer du på ventelisten.</p>
${onwardLinks([{ href: registrationUrl, text: 'Meld deg på igjen' }])}`,
        ),
      };
    case 'not-held':
      return {
        status: 409,
        body: page(
          'Ingen plass å bekrefte',
          html`${eventHeader(event)}<p class="notice" role="status">${event.status === 'cancelled' ? 'Arrangementet er avlyst, så det er ingen plass å bekrefte.' : registration.status === 'waitlisted' ? 'Du står på ventelisten. Blir det ledig plass, får du en e-post med lenke for å bekrefte den.' : 'Denne påmeldingen er avmeldt, så det er ingen plass å bekrefte.'}</p>
${onwardLinks(event.status === 'cancelled' ? [] : registration.status === 'waitlisted' ? [{ href: cancel.href, text: 'Meld deg av ventelisten' }] : [{ href: registrationUrl, text: 'Meld deg på igjen' }])}`,
        ),
      };
  }
}
