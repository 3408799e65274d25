import { z } from 'zod';
import {
  eventCountsSchema,
  eventMailingSchema,
  eventWithCountsSchema,
  registrationSchema,
  type EventCounts,
  type EventInput,
  type EventMailing,
  type EventMessage,
  type EventUpdate,
  type EventWithCounts,
  type Registration,
  type RegistrationChange,
  type RegistrationQuery,
} from '../../../content-model';
import type { ApiClient } from './apiClient';

const eventListSchema = z.object({ items: z.array(eventWithCountsSchema) });
const registrationListSchema = z.object({ items: z.array(registrationSchema), counts: eventCountsSchema });
const mailingListSchema = z.object({ items: z.array(eventMailingSchema) });

export interface RegistrationList {
  /** In registration order. */
  items: Registration[];
  counts: EventCounts;
}

const STALE_EVENT_MESSAGE = 'Arrangementet er endret av noen andre – last inn på nytt';

/**
 * Events ("arrangementer"; editors and admins only): the react-admin resource `events` goes through
 * the first four, and the event page calls the rest through useDataProvider<CmsDataProvider>().
 */
export interface EventOperations {
  listEvents(): Promise<EventWithCounts[]>;
  getEvent(id: string): Promise<EventWithCounts>;
  createEvent(input: EventInput): Promise<EventWithCounts>;
  /**
   * The whole event with its status. 409: someone else saved first, or (when `changesStatus`) a
   * status step that is not allowed, which the API's own message explains.
   */
  updateEvent(id: string, update: EventUpdate, changesStatus: boolean): Promise<EventWithCounts>;
  listRegistrations(eventId: string, query: RegistrationQuery): Promise<RegistrationList>;
  exportRegistrationsCsv(eventId: string, query: RegistrationQuery): Promise<Blob>;
  /** Check in (or undo), or move between confirmed, waitlist and cancelled by hand. */
  updateRegistration(eventId: string, registrationId: string, change: RegistrationChange): Promise<Registration>;
  listEventMailings(eventId: string): Promise<EventMailing[]>;
  /** Queued (202): the notification job sends it within minutes. */
  sendEventMessage(eventId: string, message: EventMessage): Promise<EventMailing>;
}

const segment = (value: string) => encodeURIComponent(value);
const eventPath = (id: string) => `/admin/events/${segment(id)}`;

export function createEventOperations(api: ApiClient): EventOperations {
  return {
    listEvents: async () => (await api.json('/admin/events', eventListSchema)).items,
    getEvent: (id) => api.json(eventPath(id), eventWithCountsSchema),
    createEvent: (input) => api.json('/admin/events', eventWithCountsSchema, { method: 'POST', body: input }),
    updateEvent: (id, update, changesStatus) =>
      api.json(eventPath(id), eventWithCountsSchema, { method: 'PUT', body: update, ...(changesStatus ? {} : { conflictMessage: STALE_EVENT_MESSAGE }) }),
    listRegistrations: (eventId, query) => api.json(`${eventPath(eventId)}/registrations`, registrationListSchema, { query }),
    exportRegistrationsCsv: (eventId, query) => api.file(`${eventPath(eventId)}/registrations.csv`, query),
    updateRegistration: (eventId, registrationId, change) =>
      api.json(`${eventPath(eventId)}/registrations/${segment(registrationId)}`, registrationSchema, { method: 'PUT', body: change }),
    listEventMailings: async (eventId) => (await api.json(`${eventPath(eventId)}/mailings`, mailingListSchema)).items,
    sendEventMessage: (eventId, message) => api.json(`${eventPath(eventId)}/mailings`, eventMailingSchema, { method: 'POST', body: message }),
  };
}
