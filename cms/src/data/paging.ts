import type { GetListParams } from 'react-admin';

/**
 * The CMS's one pagination rule. A list is paged by the API when the API offers paging for it; only
 * then can it grow without the browser fetching it whole. Today that is the document overview
 * (`products`: GET /admin/products takes `page` and `perPage`).
 *
 * The API gives every other list whole, filtered but unpaged, and the browser sorts and pages it
 * (`clientPage`):
 * - small lists that stay small: consultations and events;
 * - lists that can grow, which should move to server-side paging once the API pages them:
 *   campaigns (GET /admin/campaigns), subscribers (GET /admin/subscribers, which filters by address,
 *   status and interest) and an event's registrations (GET /admin/events/{id}/registrations, shown
 *   whole on the event page).
 */

/** For a call that names no page; the lists themselves ask for 25 or 50. */
const DEFAULT_PER_PAGE = 25;

/** The page react-admin asks for; for a server-paged list, the API's `page` and `perPage` query parameters. */
export function requestedPage(params: Pick<GetListParams, 'pagination'>): { page: number; perPage: number } {
  return { page: params.pagination?.page ?? 1, perPage: params.pagination?.perPage ?? DEFAULT_PER_PAGE };
}

/**
 * Filtering, sorting and paging in the browser, for a list the API gives whole. `matches` decides
 * the filter; `defaultSort` is the field used when react-admin asks for none.
 */
export function clientPage<T extends object>(
  items: T[],
  params: GetListParams,
  defaultSort: string,
  matches: (item: T) => boolean = () => true,
): { data: T[]; total: number } {
  const filtered = items.filter(matches);
  const field = (params.sort?.field ?? defaultSort) as keyof T;
  const direction = params.sort?.order === 'ASC' ? 1 : -1;
  const sorted = [...filtered].sort((a, b) => {
    const left = a[field] ?? '';
    const right = b[field] ?? '';
    return (left < right ? -1 : left > right ? 1 : 0) * direction;
  });
  const { page, perPage } = requestedPage(params);
  return { data: sorted.slice((page - 1) * perPage, page * perPage), total: filtered.length };
}

/** A text filter as typed into a SearchInput: trimmed and lower-cased, '' when there is none. */
export function searchText(filter: GetListParams['filter']): string {
  return typeof filter?.q === 'string' ? filter.q.trim().toLowerCase() : '';
}

/** Whether a select filter is unset ('' or missing) or equal to `value`. */
export function selected(filterValue: unknown, value: string): boolean {
  return typeof filterValue !== 'string' || filterValue === '' || filterValue === value;
}
