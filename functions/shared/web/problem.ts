import { DomainError, RateLimitedError, ValidationError } from '../errors';
import { html } from '../html';
import { errorHeaders } from '../http/error-responses';
import type { HttpResponse, Operation } from '../http/request';
import { onwardLinks, page, secretariatEmail, type OnwardLink } from './page';

/** How a page names its own refusals, and the way back from them. */
export interface ProblemWording {
  /** The heading for a refusal of this page's own (a bad link, a closed event), by status where it differs. */
  title: string | ((error: DomainError) => string);
  back?: OnwardLink;
}

/**
 * What the person reads: a refused field's own words ("Lenken er ugyldig eller utløpt …"), never the
 * summary written for API callers, which names the field by its code ("Ugyldig verdi for token: …").
 */
function noticeOf(error: DomainError): string {
  const messages = [...new Set(error.fields.map((field) => field.message))];
  return error instanceof ValidationError && messages.length > 0 ? messages.join(' ') : error.message;
}

/** Where to turn when the page has no way back of its own: the secretariat reads this address. */
const askTheSecretariat = html`<p>Får du det ikke til? Skriv til <a href="mailto:${secretariatEmail}">${secretariatEmail}</a>, så hjelper vi deg.</p>`;

/** The heading a rate limit gets on every page: it is about waiting, not about the link or the form. */
export const rateLimitedTitle = 'Prøv igjen senere';

/**
 * The Norwegian problem page for a person at a form or an emailed link, with the status and
 * headers the JSON answer would have (Retry-After on a 429).
 */
export function problemResponse(error: DomainError, wording: ProblemWording): HttpResponse {
  const title = error instanceof RateLimitedError ? rateLimitedTitle : typeof wording.title === 'string' ? wording.title : wording.title(error);
  // Without a way back of its own, the page says whom to ask, then offers normen.no.
  const onward = wording.back ? onwardLinks([wording.back]) : html`${askTheSecretariat}${onwardLinks([])}`;
  return {
    statusCode: error.status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...errorHeaders(error) },
    body: page(title, html`<h1>${title}</h1><p class="notice">${noticeOf(error)}</p>${onward}`),
  };
}

/** Runs `work`, answering a refusal (any 4xx) with the problem page; a 5xx goes on to the error mapping. */
export async function orProblemPage(work: () => Promise<HttpResponse>, wording: ProblemWording): Promise<HttpResponse> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    return problemResponse(error, wording);
  }
}

/** An operation behind an emailed link or a GET form page: every refusal is a page, never JSON. */
export function pageOperation(wording: ProblemWording, work: Operation): Operation {
  return (request) => orProblemPage(() => work(request), wording);
}
