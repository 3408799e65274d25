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
import type { FieldError } from '../shared/errors';
import { html, page, type SafeHtml } from '../shared/html';

export interface RegistrationFormState {
  values: Record<string, string | string[]>;
  errors: FieldError[];
}

const fieldLabels: Record<string, string> = {
  name: 'Navn',
  email: 'E-post',
  organisation: 'Virksomhet / organisasjon',
  mode: 'Deltakelse',
  sessions: 'Økter',
};

const style = html`<style>.check { font-weight: 400; display: flex; gap: .5rem; align-items: center; margin-top: .4rem } .check input { width: auto } fieldset { margin-top: 1rem; border: 1px solid #ccc } .meta { color: #444 } .full { color: #b00020 }</style>`;

function seatsText(free: number | null): string {
  if (free === null) return 'ubegrenset antall plasser';
  if (free === 0) return 'fullt – du settes på venteliste';
  return `${free} ${free === 1 ? 'ledig plass' : 'ledige plasser'}`;
}

export function eventHeader(event: Pick<NormenEvent, 'title' | 'type' | 'startsAt' | 'endsAt' | 'venue' | 'eligibility' | 'description'>): SafeHtml {
  return html`<h1>${event.title}</h1>
<p class="meta">${eventTypes.labels[event.type]} · ${formatOsloPeriod(event.startsAt, event.endsAt)}${event.venue ? html` · ${event.venue}` : ''}</p>
${event.eligibility ? html`<p><strong>For:</strong> ${event.eligibility}</p>` : ''}`;
}

/**
 * The registration form: plain HTML that works without JavaScript and can be embedded on normen.no.
 * Answers are posted as `answers.<question id>`; `website` is a honeypot.
 */
export function registrationFormPage(
  event: PublicEvent,
  state: RegistrationFormState,
  closedReason: string | null,
  status = 200,
): { status: number; body: string } {
  const value = (field: string) => {
    const raw = state.values[field];
    return typeof raw === 'string' ? raw : '';
  };
  const chosenSessions = ((): string[] => {
    const raw = state.values.sessions;
    return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  })();
  const errorFor = (field: string) => {
    const error = state.errors.find((candidate) => candidate.path === field);
    return error ? html` <span class="error" id="${field}-error">${error.message}</span>` : html``;
  };
  const invalid = (field: string) => (state.errors.some((error) => error.path === field) ? 'true' : 'false');
  const questionLabel = (path: string) => event.questions.find((question) => `answers.${question.id}` === path)?.label;
  const selectedMode = value('mode') || (event.attendance.length === 1 ? (event.attendance[0]?.mode ?? '') : '');
  const form = html`<form method="post" action="registrations" accept-charset="utf-8">
  <label for="name">${fieldLabels.name}${errorFor('name')}</label>
  <input id="name" name="name" autocomplete="name" required value="${value('name')}" aria-invalid="${invalid('name')}">
  <label for="email">${fieldLabels.email}${errorFor('email')}</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${value('email')}" aria-invalid="${invalid('email')}">
  <label for="organisation">${fieldLabels.organisation}${errorFor('organisation')}</label>
  <input id="organisation" name="organisation" autocomplete="organization" required value="${value('organisation')}" aria-invalid="${invalid('organisation')}">
  <fieldset><legend>${fieldLabels.mode}${errorFor('mode')}</legend>
  ${event.attendance.map(
    (option) =>
      html`<label class="check"><input type="radio" name="mode" value="${option.mode}" required${selectedMode === option.mode ? html` checked` : ''}> ${attendanceModes.labels[option.mode]} (${seatsText(option.free)})</label>`,
  )}
  </fieldset>
  ${
    event.sessions.length
      ? html`<fieldset><legend>Hvilke økter deltar du på?${errorFor('sessions')}</legend>
  ${event.sessions.map(
    (session) =>
      html`<label class="check"><input type="checkbox" name="sessions" value="${session.id}"${chosenSessions.includes(session.id) ? html` checked` : ''}${session.free === 0 ? html` disabled` : ''}> kl. ${formatOsloTimeSpan(session.startsAt, session.endsAt)} ${session.title}${session.speaker ? html` (${session.speaker})` : ''}${session.free === 0 ? html` <span class="full">fullt</span>` : ''}</label>`,
  )}
  </fieldset>`
      : ''
  }
  ${event.questions.map((question) => {
    const field = `answers.${question.id}`;
    return html`<label for="${field}">${question.label}${question.required ? '' : ' (valgfritt)'}${errorFor(field)}</label>
  ${
    question.kind === 'text' || question.kind === 'dietary'
      ? html`<textarea id="${field}" name="${field}" rows="3" style="min-height: 4rem"${question.required ? html` required` : ''} aria-invalid="${invalid(field)}" placeholder="${questionKinds.labels[question.kind]}">${value(field)}</textarea>`
      : html`<input id="${field}" name="${field}"${question.required ? html` required` : ''} value="${value(field)}" aria-invalid="${invalid(field)}">`
  }`;
  })}
  <div class="hp" aria-hidden="true"><label for="website">Nettsted (la stå tomt)</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Meld meg på</button>
  <p class="meta">Vi bruker opplysningene bare til dette arrangementet og anonymiserer dem etter arrangementet.</p>
</form>`;
  const body = html`${style}${eventHeader(event)}
${state.errors.length ? html`<div class="errors" role="alert"><p><strong>Skjemaet har feil:</strong></p><ul>${state.errors.map((error) => html`<li>${fieldLabels[error.path] ?? questionLabel(error.path) ?? error.path}: ${error.message}</li>`)}</ul></div>` : ''}
${closedReason ? html`<p class="notice" role="status">${closedReason}</p>` : form}`;
  return { status, body: page(`Påmelding: ${event.title}`, body) };
}

/** The same page whatever happened to the address: the email says whether it got a seat. */
export function receivedPage(event: Pick<NormenEvent, 'title' | 'type' | 'startsAt' | 'endsAt' | 'venue' | 'eligibility' | 'description'>): string {
  return page(
    'Påmeldingen er mottatt',
    html`${eventHeader(event)}<h2>Takk! Påmeldingen er mottatt</h2>
<p class="notice" role="status">Vi har sendt en e-post til adressen du oppga. Der står det om du har fått plass (og lenken for å bekrefte den) eller står på venteliste, med kalenderfil og lenke for å melde deg av. Finner du den ikke, se i søppelposten.</p>`,
  );
}

export function cancelPage(event: NormenEvent, registration: Registration, token: string): string {
  const query = `?token=${encodeURIComponent(token)}`;
  if (registration.status === 'cancelled' || registration.status === 'expired') return cancelledPage(event, true);
  return page(
    'Meld deg av',
    html`${eventHeader(event)}<p>Påmelding for ${registration.name} (${attendanceModes.labels[registration.mode]}${registration.status === 'waitlisted' ? ', venteliste' : ''}).</p>
<form method="post" action="cancel${query}"><button type="submit">Meld meg av</button></form>
<p class="meta">Plassen din går til den første på ventelisten.</p>`,
  );
}

export function cancelledPage(event: NormenEvent, already: boolean): string {
  return page(
    'Du er meldt av',
    html`${eventHeader(event)}<p class="notice" role="status">${already ? 'Påmeldingen var allerede avmeldt.' : 'Du er meldt av. Vi har sendt en bekreftelse på e-post.'}</p>`,
  );
}

export function problemPage(title: string, message: string, status: number): { status: number; body: string } {
  return { status, body: page(title, html`<h1>${title}</h1><p class="notice">${message}</p>`) };
}
