import { resourceMessages } from '../i18n/nb';

const productFields: Record<string, unknown> = resourceMessages.resources.products.fields;

/**
 * Names for the fields the history lists as changed ("Endrede felt"), as the product form labels
 * them. Owner and legal references are groups of inputs there, so they get the group's name; a
 * consultation edit is recorded on its product with the consultation's own fields.
 */
const groupLabels: Record<string, string> = {
  owner: 'Eier',
  legalReferences: resourceMessages.resources.products.fields.legalReferencesList,
  closesOn: 'Høringsfrist',
  audience: 'Høringens målgruppe',
};

/** The Norwegian label of a field an audit record names; the code itself only for a field unknown here. */
export function changedFieldLabel(field: string): string {
  const label = groupLabels[field] ?? productFields[field];
  return typeof label === 'string' ? label : field;
}
