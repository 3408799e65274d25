import { GENERAL_INPUT, stakeholderGroups, type Consultation } from '../../content-model';
import type { FieldError } from '../shared/errors';
import { html, page, type SafeHtml } from '../shared/html';
import type { ProblemPage } from '../shared/http/error-responses';

export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
  message?: string;
  /** Shown above the form, e.g. that the consultation the link was for has ended. */
  notice?: string | null;
}

const labels: Record<string, string> = {
  consultationId: 'Gjelder',
  name: 'Navn',
  email: 'E-post',
  organisation: 'Virksomhet / organisasjon',
  stakeholderGroup: 'Interessentgruppe',
  text: 'Innspill',
};

function fieldError(state: FormState, field: string): SafeHtml {
  const error = state.errors.find((candidate) => candidate.path === field);
  return error ? html` <span class="error" id="${field}-error">${error.message}</span>` : html``;
}

/**
 * The input form: plain HTML that works without JavaScript and can be embedded on normen.no.
 * `website` is a honeypot: hidden from people, irresistible to form-filling bots.
 */
export function inputFormPage(open: Consultation[], state: FormState, status = 200): { status: number; body: string } {
  const value = (field: string) => state.values[field] ?? '';
  const selected = value('consultationId') || GENERAL_INPUT;
  const invalid = (field: string) => (state.errors.some((error) => error.path === field) ? 'true' : 'false');
  const body = html`<h1>Send innspill til Normen</h1>
<p>Innspill til produkter på høring, eller behov for nye eller endrede produkter. Du får en kvittering på e-post.</p>
${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
${state.errors.length ? html`<div class="errors" role="alert"><p><strong>${state.message ?? 'Skjemaet har feil:'}</strong></p><ul>${state.errors.map((error) => html`<li>${labels[error.path] ?? error.path}: ${error.message}</li>`)}</ul></div>` : ''}
<form method="post" action="inputs" accept-charset="utf-8">
  <label for="consultationId">${labels.consultationId}${fieldError(state, 'consultationId')}</label>
  <select id="consultationId" name="consultationId" aria-invalid="${invalid('consultationId')}">
    <option value="${GENERAL_INPUT}"${selected === GENERAL_INPUT ? html` selected` : ''}>Behov for nytt eller endret produkt</option>
    ${open.map((consultation) => html`<option value="${consultation.id}"${selected === consultation.id ? html` selected` : ''}>Høring: ${consultation.productTitle} (frist ${consultation.closesOn})</option>`)}
  </select>
  <label for="name">${labels.name}${fieldError(state, 'name')}</label>
  <input id="name" name="name" autocomplete="name" required value="${value('name')}" aria-invalid="${invalid('name')}">
  <label for="email">${labels.email}${fieldError(state, 'email')}</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${value('email')}" aria-invalid="${invalid('email')}">
  <label for="organisation">${labels.organisation}${fieldError(state, 'organisation')}</label>
  <input id="organisation" name="organisation" autocomplete="organization" required value="${value('organisation')}" aria-invalid="${invalid('organisation')}">
  <label for="stakeholderGroup">${labels.stakeholderGroup}${fieldError(state, 'stakeholderGroup')}</label>
  <select id="stakeholderGroup" name="stakeholderGroup" required aria-invalid="${invalid('stakeholderGroup')}">
    <option value="">Velg …</option>
    ${stakeholderGroups.codes.map((code) => html`<option value="${code}"${value('stakeholderGroup') === code ? html` selected` : ''}>${stakeholderGroups.labels[code]}</option>`)}
  </select>
  <label for="text">${labels.text}${fieldError(state, 'text')}</label>
  <textarea id="text" name="text" required minlength="10" aria-invalid="${invalid('text')}">${value('text')}</textarea>
  <div class="hp" aria-hidden="true"><label for="website">Nettsted (la stå tomt)</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Send innspill</button>
</form>`;
  return { status, body: page('Send innspill', body) };
}

export function receivedPage(consultation: Consultation | null): string {
  return page(
    'Innspill mottatt',
    html`<h1>Takk for innspillet!</h1>
<p class="notice">Innspillet er mottatt${consultation ? html` til høringen om «${consultation.productTitle}»` : ''}. Du får en kvittering på e-post.</p>
<p><a href="inputs">Send et nytt innspill</a></p>`,
  );
}

export const problemPage: ProblemPage = ({ title, message }) =>
  page(title, html`<h1>${title}</h1><p class="notice">${message}</p><p><a href="inputs">Tilbake til skjemaet</a></p>`);
