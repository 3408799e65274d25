import type { SortPayload } from 'react-admin';
import { overviewQuerySchema, type OverviewQuery } from '../../../content-model';
import type { QueryParams } from '../data/apiClient';

type OverviewSort = OverviewQuery['sort'];
const sortableFields = overviewQuerySchema.shape.sort.unwrap().options;
const filterNames = ['level', 'type', 'topicCategory', 'status', 'owner', 'theme', 'dueBefore', 'q'] as const satisfies readonly (keyof OverviewQuery)[];

export function isSortableOverviewField(field: string): field is OverviewSort {
  return (sortableFields as readonly string[]).includes(field);
}

/** The overview's filters and sorting as query parameters: shared by the list and the CSV export. */
export function overviewQueryParams(filter: Record<string, unknown>, sort: SortPayload | undefined): QueryParams {
  const params: QueryParams = {};
  for (const name of filterNames) {
    const value = filter[name];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    // Filters are sent while the user types; a half-typed owner email would only earn a 400.
    if (!overviewQuerySchema.shape[name].safeParse(value).success) continue;
    params[name] = value;
  }
  if (sort && isSortableOverviewField(sort.field)) {
    params.sort = sort.field;
    params.order = sort.order === 'DESC' ? 'desc' : 'asc';
  }
  return params;
}
