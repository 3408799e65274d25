import { productContentSchema, productCreateSchema, productMetadataSchema, type Product, type ProductCreate, type ProductUpdate } from '../../../content-model';
import { changedFields, list, schemaErrors, type FormValues } from '../shared/validation';

/** The fields an editor edits; everything else on a Product is lifecycle bookkeeping owned by the API. */
export const editableProductFields = [...Object.keys(productMetadataSchema.shape), ...Object.keys(productContentSchema.shape)] as (keyof ProductCreate &
  keyof Product)[];

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * react-admin inputs turn emptied text into null and leave untouched optional fields undefined;
 * the API wants '' for empty text, absent optional fields, and [] for empty lists.
 */
export function normaliseProductForm(values: FormValues): FormValues {
  const owner = (values.owner ?? {}) as FormValues;
  return {
    slug: optionalText(values.slug),
    type: values.type ?? undefined,
    level: values.level ?? undefined,
    topicCategory: values.topicCategory ?? undefined,
    riskOrTechnology: values.riskOrTechnology === true,
    themes: list(values.themes),
    targetGroups: list(values.targetGroups),
    owner: { name: text(owner.name), email: text(owner.email) },
    publisher: values.level === 3 ? optionalText(values.publisher) : undefined,
    currentNeed: values.currentNeed === true,
    title: text(values.title),
    summary: text(values.summary),
    body: text(values.body),
    attachments: list(values.attachments),
    legalReferences: list(values.legalReferences).map((reference) => {
      const { title, url } = (reference ?? {}) as FormValues;
      return { title: text(title), url: optionalText(url) };
    }),
    relatedProducts: list(values.relatedProducts),
  };
}

export function toCreatePayload(values: FormValues): ProductCreate {
  return productCreateSchema.parse(normaliseProductForm(values));
}

/** Only what changed, plus the revision the editor started from (optimistic locking). */
export function toUpdatePayload(values: FormValues, previous: Product): ProductUpdate {
  const next = normaliseProductForm(values);
  const before = normaliseProductForm(previous as unknown as FormValues);
  const changed = changedFields(next, before, editableProductFields);
  // A removed publisher must be sent as null: leaving it out would mean "unchanged".
  if ('publisher' in changed && changed.publisher === undefined) changed.publisher = null;
  return { ...changed, expectedRevision: previous.revision } as ProductUpdate;
}

/** Checks the form against the same schema the API uses, with Norwegian messages. */
export function validateProductForm(values: FormValues): FormValues {
  return schemaErrors(productCreateSchema, normaliseProductForm(values));
}
