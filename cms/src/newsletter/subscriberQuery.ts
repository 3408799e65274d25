import { subscriberQuerySchema, type SubscriberQuery } from '../../../content-model';

const filterNames = ['q', 'status', 'interest'] as const satisfies readonly (keyof SubscriberQuery)[];

/** The subscriber list's filters as query parameters: shared by the list and the CSV export. */
export function subscriberQueryParams(filter: Record<string, unknown>): SubscriberQuery {
  const query: Record<string, string> = {};
  for (const name of filterNames) {
    const value = filter[name];
    if (typeof value !== 'string' || value.trim() === '') continue;
    // Sent while the user types or picks; anything the API would refuse is left out instead.
    if (!subscriberQuerySchema.shape[name].safeParse(value).success) continue;
    query[name] = name === 'q' ? value.trim() : value;
  }
  return query as SubscriberQuery;
}
