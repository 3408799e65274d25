import { governanceLevels, productStatuses, productTypes, targetGroups, themes, topicCategories } from '../../../content-model';

export interface Choice<Id extends string | number = string> {
  id: Id;
  name: string;
}

/** Select options straight from a content-model vocabulary: code as value, Norwegian label as text. */
export function choicesFrom(labels: Record<string, string>): Choice[] {
  return Object.entries(labels).map(([id, name]) => ({ id, name }));
}

export const productTypeChoices = choicesFrom(productTypes.labels);
export const topicCategoryChoices = choicesFrom(topicCategories.labels);
export const productStatusChoices = choicesFrom(productStatuses.labels);
export const themeChoices = choicesFrom(themes.labels);
export const targetGroupChoices = choicesFrom(targetGroups.labels);
/** Levels are numbers on a product but strings in a query; the form needs the numbers. */
export const levelChoices: Choice<number>[] = Object.entries(governanceLevels.labels).map(([id, name]) => ({ id: Number(id), name }));
export const levelFilterChoices = choicesFrom(governanceLevels.labels);
