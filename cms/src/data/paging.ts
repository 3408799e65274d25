import type { GetListParams } from 'react-admin';
import type { QueryParams } from './apiClient';

/**
 * The CMS's one pagination rule: a list that can grow is paged by the API, and the browser asks
 * for one page at a time; only a list that stays small comes whole and is paged in the browser.
 *
 * - Cursor pages (`cursorPager`): subscribers (GET /admin/subscribers, by address), campaigns
 *   (GET /admin/campaigns, newest first) and an event's registrations (GET
 *   /admin/events/{id}/registrations, in registration order). The API takes `limit` and `cursor`
 *   and answers `{ items, nextCursor }` (content-model/queries.ts, `cursorPageQuery`); the list is
 *   in the API's order, so these lists do not sort, and react-admin gets `pageInfo` (partial
 *   pagination) instead of a total. The filters go to the API, which fills every page with matches.
 * - Numbered pages: the document overview (GET /admin/products takes `page` and `perPage` and
 *   gives a total, and sorts on the server).
 * - Whole lists, filtered, sorted and paged in the browser (`clientPage`): consultations and
 *   events, which stay small.
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

/** A page of a cursor-paged API list (content-model/queries.ts, `cursorPaginated`). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PartialPage<T> {
  data: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
}

/**
 * react-admin's numbered pages over a cursor-paged API list. It remembers the cursor each page
 * starts at, per filter and page size, so the list goes back as well as forward; a page it has not
 * reached yet (a page number kept from an earlier visit) is walked to from the last one it knows.
 */
export function cursorPager<T>(fetchPage: (query: QueryParams & { limit: number; cursor?: string }) => Promise<CursorPage<T>>) {
  const starts = new Map<string, string[]>();
  return async (params: Pick<GetListParams, 'pagination'>, filters: QueryParams): Promise<PartialPage<T>> => {
    const { page, perPage } = requestedPage(params);
    const key = JSON.stringify([filters, perPage]);
    // known[n - 2] is where page n starts; page 1 starts at the beginning.
    const known = starts.get(key) ?? [];
    starts.set(key, known);
    let reached = Math.min(page, known.length + 1);
    const from = (cursor: string | undefined) => fetchPage({ ...filters, limit: perPage, ...(cursor ? { cursor } : {}) });
    let result = await from(reached > 1 ? known[reached - 2] : undefined);
    while (reached < page && result.nextCursor) {
      known[reached - 1] = result.nextCursor;
      reached += 1;
      result = await from(result.nextCursor);
    }
    if (reached < page) return { data: [], pageInfo: { hasNextPage: false, hasPreviousPage: page > 1 } };
    if (result.nextCursor) known[page - 1] = result.nextCursor;
    return { data: result.items, pageInfo: { hasNextPage: result.nextCursor !== null, hasPreviousPage: page > 1 } };
  };
}

/** Every item of a cursor-paged list, page after page (a count of a whole audience). */
export async function allCursorPages<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
