import {
  attendanceModes,
  eventTypes,
  formatOsloPeriod,
  formatOsloTimeSpan,
  questionKinds,
  type NormenEvent,
  type PublicEvent,
  type Registration,
} from '../../content-model';
import { html, SafeHtml } from '../shared/html';
import { sanitizeRichText } from '../shared/sanitize';
import { choiceGroup, errorSummary, honeypot, personFields, personLabels, privacyNotice, textArea, textField, type FormState } from '../shared/web/fields';
import { onwardLinks, page } from '../shared/web/page';
import type { ProblemWording } from '../shared/web/problem';

const fieldLabels = { ...personLabels, mode: 'Deltakelse', sessions: 'Økter' };

function seatsText(free: number | null): string {
  if (free === null) return 'ubegrenset antall plasser';
  if (free === 0) return 'fullt – du settes på venteliste';
  return `${free} ${free === 1 ? 'ledig plass' : 'ledige plasser'}`;
}

type EventHeading = Pick<NormenEvent, 'title' | 'type' | 'startsAt' | 'endsAt' | 'venue' | 'eligibility' | 'description'>;

/**
 * The editor's rich text, through the allowlist it was saved with once more: seeded or older items
 * never went through the CMS, and a page must not trust the table. Empty paragraphs show nothing.
 */
function eventDescription(description: string): SafeHtml {
  const clean = sanitizeRichText(description);
  return clean.replace(/<[^>]*>|&nbsp;/g, '').trim() ? html`<div class="description">${new SafeHtml(clean)}</div>` : html``;
}

/**
 * Title, type, time and place; the registration form adds what the event is about. The pages behind
 * emailed links leave it out: the person has already read it.
 */
export function eventHeader(event: EventHeading, { withDescription = false }: { withDescription?: boolean } = {}): SafeHtml {
  return html`<h1>${event.title}</h1>
<p class="meta">${eventTypes.labels[event.type]} · ${formatOsloPeriod(event.startsAt, event.endsAt)}${event.venue ? html` · ${event.venue}` : ''}</p>
${event.eligibility ? html`<p><strong>For:</strong> ${event.eligibility}</p>` : ''}
${withDescription ? eventDescription(event.description) : ''}`;
}

/**
 * The registration form: plain HTML that works without JavaScript and can be embedded on normen.no.
 * Answers are posted as `answers.<question id>`; `website` is a honeypot.
 */
export function registrationFormPage(
  event: PublicEvent,
  retentionDays: NormenEvent['retentionDays'],
  state: FormState,
  closedReason: string | null = null,
): string {
  const labels = { ...fieldLabels, ...Object.fromEntries(event.questions.map((question) => [`answers.${question.id}`, question.label])) };
  const form = html`<form method="post" action="registrations" accept-charset="utf-8">
  ${personFields(state)}
  ${choiceGroup(state, {
    name: 'mode',
    legend: fieldLabels.mode,
    type: 'radio',
    required: true,
    fallback: event.attendance.length === 1 ? event.attendance.map((option) => option.mode) : [],
    options: event.attendance.map((option) => ({ value: option.mode, label: `${attendanceModes.labels[option.mode]} (${seatsText(option.free)})` })),
  })}
  ${
    event.sessions.length
      ? choiceGroup(state, {
          name: 'sessions',
          legend: 'Hvilke økter deltar du på?',
          type: 'checkbox',
          options: event.sessions.map((session) => ({
            value: session.id,
            disabled: session.free === 0,
            label: html`kl. ${formatOsloTimeSpan(session.startsAt, session.endsAt)} ${session.title}${session.speaker ? html` (${session.speaker})` : ''}${session.free === 0 ? html` <span class="full">fullt</span>` : ''}`,
          })),
        })
      : ''
  }
  ${event.questions.map((question) => {
    const field = { name: `answers.${question.id}`, label: `${question.label}${question.required ? '' : ' (valgfritt)'}`, required: question.required };
    return question.kind === 'text' || question.kind === 'dietary'
      ? textArea(state, { ...field, short: true, placeholder: questionKinds.labels[question.kind] })
      : textField(state, field);
  })}
  ${honeypot()}
  <button type="submit">Meld meg på</button>
</form>
${privacyNotice({
  stored: 'Vi lagrer navnet ditt, e-postadressen, virksomheten, hvordan du deltar og svarene dine.',
  purpose: 'Vi bruker dem bare til dette arrangementet: plassen din, ventelisten og e-post om arrangementet.',
  kept: `${retentionDays} ${retentionDays === 1 ? 'dag' : 'dager'} etter arrangementet sletter vi navn, e-post, virksomhet og svar; påmeldingen står igjen uten personopplysninger.`,
})}`;
  const body = html`${eventHeader(event, { withDescription: true })}
${errorSummary(state.errors, labels)}
${closedReason ? html`<p class="notice" role="status">${closedReason}</p>${onwardLinks([])}` : form}`;
  return page(`Påmelding: ${event.title}`, body);
}

/**
 * The same page whatever happened to the address: the email says whether it got a seat. It answers
 * the form's own address, so `registrations` is the form again.
 */
export function receivedPage(event: EventHeading): string {
  return page(
    'Påmeldingen er mottatt',
    html`${eventHeader(event)}<h2>Takk! Påmeldingen er mottatt</h2>
<p class="notice" role="status">Vi har sendt en e-post til adressen du oppga. Der står det om du har fått plass (og lenken for å bekrefte den) eller står på venteliste, med kalenderfil og lenke for å melde deg av. Finner du den ikke, se i søppelposten.</p>
${onwardLinks([{ href: 'registrations', text: 'Meld på en til' }])}`,
  );
}

/** `registrationUrl` is the event's registration form, the way back from a cancelled registration. */
export function cancelPage(event: NormenEvent, registration: Registration, token: string, registrationUrl: string): string {
  const query = `?token=${encodeURIComponent(token)}`;
  if (registration.status === 'cancelled' || registration.status === 'expired') return cancelledPage(event, true, registrationUrl);
  return page(
    'Meld deg av',
    html`${eventHeader(event)}<p>Påmelding for ${registration.name} (${attendanceModes.labels[registration.mode]}${registration.status === 'waitlisted' ? ', venteliste' : ''}).</p>
<form method="post" action="cancel${query}"><button type="submit">Meld meg av</button></form>
<p class="meta">Plassen din går til den første på ventelisten.</p>
${onwardLinks([])}`,
  );
}

export function cancelledPage(event: NormenEvent, already: boolean, registrationUrl: string): string {
  // A cancelled event takes no registrations: its form would only say so.
  const again = event.status === 'cancelled' ? [] : [{ href: registrationUrl, text: 'Angret? Meld deg på igjen' }];
  return page(
    'Du er meldt av',
    html`${eventHeader(event)}<p class="notice" role="status">${already ? 'Påmeldingen var allerede avmeldt.' : 'Du er meldt av. Vi har sendt en bekreftelse på e-post.'}</p>
${onwardLinks(again)}`,
  );
}

/** A refused registration or link: 404 when it is not found, otherwise the event's own refusal. */
export const registrationProblem: ProblemWording = {
  title: (error) => {
    if (error.status === 404) return 'Finner ikke påmeldingen';
    return error.fields.some((field) => field.path === 'token') ? 'Lenken virker ikke' : 'Det gikk ikke';
  },
};
