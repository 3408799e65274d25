import type { FieldError } from '../errors';
import { html, type SafeHtml } from '../html';
import { secretariatEmail } from './page';

/** What a form post carried: repeated fields (a group of checkboxes) as arrays. */
export type FormValues = Record<string, string | string[]>;

/** A form as it is shown: empty, or after a 400 with what was typed and what was wrong. */
export interface FormState {
  values: FormValues;
  errors: FieldError[];
}

export const emptyForm: FormState = { values: {}, errors: [] };

/** The single value of a field ('' when absent; the first of a repeated one). */
export function fieldValue(state: FormState, name: string): string {
  const value = state.values[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Every value of a repeated field (a group of checkboxes). */
export function fieldValues(state: FormState, name: string): string[] {
  const value = state.values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Whether an error is about the named field: its own path, or an entry of it when the field
 * repeats (`interests.1` is about the checkboxes `interests`).
 */
const isAbout = (path: string, name: string) => path === name || path.replace(/(\.\d+)+$/, '') === name;

/**
 * A field's id is its name, so the error summary can link to it (`#name`); the message sits
 * between label and control and is tied to the control with aria-describedby.
 */
function errorOf(state: FormState, name: string): { message: SafeHtml; attributes: SafeHtml } {
  const error = state.errors.find((candidate) => isAbout(candidate.path, name));
  if (!error) return { message: html``, attributes: html`` };
  return {
    message: html`<p class="error" id="${name}-error">${error.message}</p>`,
    attributes: html` aria-invalid="true" aria-describedby="${name}-error"`,
  };
}

interface TextField {
  name: string;
  label: string;
  type?: 'text' | 'email';
  autocomplete?: string;
  required?: boolean;
}

export function textField(state: FormState, { name, label, type = 'text', autocomplete, required = false }: TextField): SafeHtml {
  const error = errorOf(state, name);
  return html`<label for="${name}">${label}</label>${error.message}
  <input id="${name}" name="${name}"${type === 'text' ? '' : html` type="${type}"`}${autocomplete ? html` autocomplete="${autocomplete}"` : ''}${required ? html` required` : ''} value="${fieldValue(state, name)}"${error.attributes}>`;
}

interface TextArea {
  name: string;
  label: string;
  required?: boolean;
  minLength?: number;
  /** A few lines rather than a letter. */
  short?: boolean;
  placeholder?: string;
}

export function textArea(state: FormState, { name, label, required = false, minLength, short = false, placeholder }: TextArea): SafeHtml {
  const error = errorOf(state, name);
  return html`<label for="${name}">${label}</label>${error.message}
  <textarea id="${name}" name="${name}"${short ? html` class="short" rows="3"` : ''}${required ? html` required` : ''}${minLength ? html` minlength="${minLength}"` : ''}${placeholder ? html` placeholder="${placeholder}"` : ''}${error.attributes}>${fieldValue(state, name)}</textarea>`;
}

export interface Option {
  value: string;
  label: string | SafeHtml;
  disabled?: boolean;
}

interface SelectField {
  name: string;
  label: string;
  options: readonly Option[];
  required?: boolean;
  /** The option chosen when the form carries none. */
  fallback?: string;
}

export function selectField(state: FormState, { name, label, options, required = false, fallback = '' }: SelectField): SafeHtml {
  const error = errorOf(state, name);
  const selected = fieldValue(state, name) || fallback;
  return html`<label for="${name}">${label}</label>${error.message}
  <select id="${name}" name="${name}"${required ? html` required` : ''}${error.attributes}>
    ${options.map((option) => html`<option value="${option.value}"${option.value === selected ? html` selected` : ''}>${option.label}</option>`)}
  </select>`;
}

interface ChoiceGroup {
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: readonly Option[];
  required?: boolean;
  /** The options chosen when the form carries none. */
  fallback?: readonly string[];
}

/** Radio buttons or checkboxes in a fieldset; the first one has the group's name as id. */
export function choiceGroup(state: FormState, { name, legend, type, options, required = false, fallback = [] }: ChoiceGroup): SafeHtml {
  const error = errorOf(state, name);
  const carried = fieldValues(state, name);
  const chosen = carried.length ? carried : fallback;
  return html`<fieldset${error.attributes}><legend>${legend}</legend>${error.message}
  ${options.map(
    (option, index) =>
      html`<label class="check"><input type="${type}" id="${index === 0 ? name : `${name}-${index}`}" name="${name}" value="${option.value}"${required ? html` required` : ''}${chosen.includes(option.value) ? html` checked` : ''}${option.disabled ? html` disabled` : ''}> ${option.label}</label>`,
  )}
  </fieldset>`;
}

/** The labels of `personFields`, for an error summary. */
export const personLabels = { name: 'Navn', email: 'E-post', organisation: 'Virksomhet / organisasjon' };

/** Who is writing: name, email and organisation, as every public form that answers by email asks. */
export function personFields(state: FormState): SafeHtml {
  return html`${textField(state, { name: 'name', label: personLabels.name, autocomplete: 'name', required: true })}
  ${textField(state, { name: 'email', label: personLabels.email, type: 'email', autocomplete: 'email', required: true })}
  ${textField(state, { name: 'organisation', label: personLabels.organisation, autocomplete: 'organization', required: true })}`;
}

/** A field hidden from people and irresistible to form-filling bots; the use cases discard what fills it. */
export function honeypot(): SafeHtml {
  return html`<div class="hp" aria-hidden="true"><label for="website">Nettsted (la stå tomt)</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>`;
}

/**
 * What was wrong, above the form, each line a link to its field. `labels` names the fields the
 * form shows, by name; an error on anything else (the body as a whole) is listed without a link.
 */
export function errorSummary(errors: readonly FieldError[], labels: Readonly<Record<string, string>>): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="errors" role="alert"><p><strong>Skjemaet har feil:</strong></p><ul>${errors.map((error) => {
    const field = Object.keys(labels).find((name) => isAbout(error.path, name));
    const label = field === undefined ? undefined : labels[field];
    return label ? html`<li><a href="#${field}">${label}: ${error.message}</a></li>` : html`<li>${error.message}</li>`;
  })}</ul></div>`;
}

/** What a form's privacy notice says, in the form's own words (each a sentence). */
export interface PrivacyWording {
  /** What is stored. */
  stored: string;
  /** Why. */
  purpose: string;
  /** How long. */
  kept: string;
}

/** Under every form that takes personal data: what is stored, why and for how long, and whom to ask. */
export function privacyNotice({ stored, purpose, kept }: PrivacyWording): SafeHtml {
  return html`<section class="privacy" aria-labelledby="privacy-heading"><h2 id="privacy-heading">Personvern</h2>
<p>${stored} ${purpose} ${kept} Spørsmål om opplysningene dine, eller vil du ha dem slettet? Skriv til <a href="mailto:${secretariatEmail}">${secretariatEmail}</a>.</p></section>`;
}
