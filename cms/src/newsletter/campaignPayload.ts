import { HttpError } from 'react-admin';
import { campaignInputSchema, htmlToText, type Campaign, type CampaignInput, type CampaignUpdate } from '../../../content-model';
import { changedFields, list, schemaErrors, type FormValues } from '../shared/validation';

/** The fields an editor writes; status, progress and bookkeeping belong to the API. */
const editableCampaignFields = Object.keys(campaignInputSchema.shape) as (keyof CampaignInput)[];

/** The rich-text editor leaves "<p></p>" behind when everything is deleted: that is no text. */
export function isEmptyHtml(html: string): boolean {
  return htmlToText(html) === '' && !/<img\b/i.test(html);
}

/** react-admin turns emptied text into null; the API wants strings and lists. */
export function normaliseCampaignForm(values: FormValues): FormValues {
  const body = typeof values.body === 'string' ? values.body : '';
  return {
    subject: typeof values.subject === 'string' ? values.subject : '',
    body: isEmptyHtml(body) ? '' : body,
    interests: list(values.interests),
    linkedProducts: list(values.linkedProducts),
  };
}

export function toCampaignInput(values: FormValues): CampaignInput {
  return campaignInputSchema.parse(normaliseCampaignForm(values));
}

/** Only what changed, plus the revision the editor started from (optimistic locking). */
export function toCampaignUpdate(values: FormValues, previous: Campaign): CampaignUpdate {
  const next = normaliseCampaignForm(values);
  const before = normaliseCampaignForm(previous as unknown as FormValues);
  const changed = changedFields(next, before, editableCampaignFields);
  return { ...changed, expectedRevision: previous.revision } as CampaignUpdate;
}

/** Checks the form against the same schema the API uses, with Norwegian messages. */
export function validateCampaignForm(values: FormValues): FormValues {
  return schemaErrors(campaignInputSchema, normaliseCampaignForm(values));
}

/**
 * The API names list items ("linkedProducts.2: Ukjent produkt «x»"); the form has one input per
 * list, so such messages go onto the list's input.
 */
export function onListInputs(error: unknown): unknown {
  if (!(error instanceof HttpError) || error.status !== 400) return error;
  const body = error.body as { errors?: Record<string, unknown> } | undefined;
  if (!body?.errors) return error;
  const errors: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(body.errors)) {
    const list = /^(linkedProducts|interests)\.\d+$/.exec(path)?.[1];
    if (list) errors[list] ??= message;
    else errors[path] = message;
  }
  return new HttpError(error.message, error.status, { ...body, errors });
}
