import { z } from 'zod';
import {
  cursorPaginated,
  eventCountsSchema,
  eventMailingSchema,
  eventWithCountsSchema,
  listedRegistrationSchema,
  registrationSchema,
  type EventCounts,
  type EventMailing,
  type EventMessage,
  type ListedRegistration,
  type Registration,
  type RegistrationChange,
  type RegistrationQuery,
} from '../../../content-model';
import type { ApiClient } from '../data/apiClient';
import { clientPage, searchText, selected } from '../data/paging';
import { fetchedById, payloadFromForm, records, resourceDataProvider } from '../data/resourceDataProvider';
import { toEventInput, toEventUpdate } from './eventPayload';

const eventListSchema = z.object({ items: z.array(eventWithCountsSchema) });
const registrationPageSchema = cursorPaginated(listedRegistrationSchema).extend({ counts: eventCountsSchema });
const mailingListSchema = z.object({ items: z.array(eventMailingSchema) });

export interface RegistrationPage {
  /** In registration order, each waitlisted one with its place in line. */
  items: ListedRegistration[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
  counts: EventCounts;
}

const STALE_EVENT_MESSAGE = 'Arrangementet er endret av noen andre – last inn på nytt';

/** What the event page does beyond react-admin's CRUD, called through useDataProvider<CmsDataProvider>(). */
export interface EventOperations {
  /** One page of the list, filtered by the API, from `page.cursor` on (data/paging.ts). */
  listRegistrations(eventId: string, query: RegistrationQuery, page?: { cursor?: string; limit?: number }): Promise<RegistrationPage>;
  exportRegistrationsCsv(eventId: string, query: RegistrationQuery): Promise<Blob>;
  /** Check in (or undo), or move between confirmed, waitlist and cancelled by hand. */
  updateRegistration(eventId: string, registrationId: string, change: RegistrationChange): Promise<Registration>;
  listEventMailings(eventId: string): Promise<EventMailing[]>;
  /** Queued (202): the notification job sends it within minutes. */
  sendEventMessage(eventId: string, message: EventMessage): Promise<EventMailing>;
}

const eventPath = (id: unknown) => `/admin/events/${encodeURIComponent(String(id))}`;

export function createEventOperations(api: ApiClient): EventOperations {
  return {
    listRegistrations: (eventId, query, page = {}) => api.json(`${eventPath(eventId)}/registrations`, registrationPageSchema, { query: { ...query, ...page } }),
    exportRegistrationsCsv: (eventId, query) => api.file(`${eventPath(eventId)}/registrations.csv`, query),
    updateRegistration: (eventId, registrationId, change) =>
      api.json(`${eventPath(eventId)}/registrations/${encodeURIComponent(registrationId)}`, registrationSchema, { method: 'PUT', body: change }),
    listEventMailings: async (eventId) => (await api.json(`${eventPath(eventId)}/mailings`, mailingListSchema)).items,
    sendEventMessage: (eventId, message) => api.json(`${eventPath(eventId)}/mailings`, eventMailingSchema, { method: 'POST', body: message }),
  };
}

/** Events ("arrangementer"; editors and admins only) with their counts, paged in the browser (data/paging.ts). */
export function createEventsDataProvider(api: ApiClient) {
  return resourceDataProvider('events', {
    async getList(_resource, params) {
      const { items } = await api.json('/admin/events', eventListSchema);
      const q = searchText(params.filter);
      const page = clientPage(
        items,
        params,
        'startsAt',
        (event) =>
          selected(params.filter?.status, event.status) &&
          selected(params.filter?.type, event.type) &&
          (!q || `${event.title} ${event.venue ?? ''}`.toLowerCase().includes(q)),
      );
      return { data: records(page.data), total: page.total };
    },
    ...fetchedById((id) => api.json(eventPath(id), eventWithCountsSchema)),
    async create(_resource, params) {
      const body = payloadFromForm(() => toEventInput(params.data));
      return { data: records(await api.json('/admin/events', eventWithCountsSchema, { method: 'POST', body })) };
    },
    async update(_resource, params) {
      const previous = eventWithCountsSchema.parse(params.previousData);
      const body = payloadFromForm(() => toEventUpdate(params.data, previous));
      // 409: someone else saved first, or (when the status changes) a status step that is not
      // allowed, which the API's own message explains.
      const changesStatus = body.status !== previous.status;
      const data = await api.json(eventPath(params.id), eventWithCountsSchema, {
        method: 'PUT',
        body,
        ...(changesStatus ? {} : { conflictMessage: STALE_EVENT_MESSAGE }),
      });
      return { data: records(data) };
    },
  });
}
