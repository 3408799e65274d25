import { randomUUID } from 'node:crypto';
import { eventInputSchema, eventSchema, registrationRequestSchema, type NormenEvent, type Registration, type RegistrationRequest } from '../../content-model';
import { createEvent, updateEvent } from '../../functions/events/events-admin';
import { confirmByLink, register, type RegistrationDependencies, type RegistrationOutcome } from '../../functions/events/registration';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from '../../functions/shared/db/client';
import type { reviewDependencies } from './local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;
export const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };

/** Normkonferansen: 100 seats in the hall, streaming without limit, a workshop with 3 seats. */
export function conferenceInput(overrides: Record<string, unknown> = {}) {
  const online = !('attendance' in overrides) || JSON.stringify(overrides.attendance).includes('online');
  return eventInputSchema.parse({
    type: 'conference',
    title: 'Normkonferansen 2026',
    description: '<p>Årets konferanse om informasjonssikkerhet og personvern.</p>',
    startsAt: '2026-12-03T08:00:00Z',
    endsAt: '2026-12-03T15:00:00Z',
    venue: 'Oslo kongressenter',
    attendance: [
      { mode: 'in-person', capacity: 100 },
      { mode: 'online', capacity: null },
    ],
    sessions: [
      { id: 'apning', title: 'Åpning', startsAt: '2026-12-03T08:00:00Z', endsAt: '2026-12-03T08:30:00Z' },
      { id: 'workshop', title: 'Workshop: risikovurdering', startsAt: '2026-12-03T12:00:00Z', endsAt: '2026-12-03T13:00:00Z', capacity: 3 },
    ],
    questions: [
      { id: 'rolle', kind: 'role', label: 'Rolle', required: true },
      { id: 'mat', kind: 'dietary', label: 'Allergier', required: false },
    ],
    streamingUrl: online ? 'https://stream.normen.no/konferansen-2026' : null,
    ...overrides,
  });
}

/** Creates the event as a draft and opens it, as an editor would. */
export async function openEvent(
  deps: Pick<Deps, 'store' | 'clock' | 'mailer' | 'tokens' | 'publicApiUrl' | 'from'>,
  overrides: Record<string, unknown> = {},
): Promise<NormenEvent> {
  const created = await createEvent(deps, editor, conferenceInput(overrides));
  const { counts: _counts, ...opened } = await updateEvent(deps, editor, created.id, {
    ...conferenceInput(overrides),
    status: 'open',
    expectedRevision: created.revision,
  });
  return opened;
}

export function participant(overrides: Record<string, unknown> = {}): RegistrationRequest {
  return registrationRequestSchema.parse({
    name: 'Kari Nordmann',
    email: `deltaker-${randomUUID()}@sykehus.no`,
    organisation: 'Helse Nord',
    mode: 'in-person',
    answers: { rolle: 'Personvernombud' },
    ...overrides,
  });
}

/** Everything stored in the event's partition, to prove a refused registration wrote nothing. */
export const partitionItems = (deps: Pick<Deps, 'table'>, eventId: string) =>
  queryAll(
    (start) =>
      deps.table.client.send(
        new QueryCommand({
          TableName: deps.table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `EVENT#${eventId}` },
          ExclusiveStartKey: start,
        }),
      ),
    (item) => item,
  );

/** An event as stored, for tests of what is rendered from it (calendar files, emails). */
export function storedEvent(overrides: Partial<NormenEvent> = {}): NormenEvent {
  return eventSchema.parse({
    id: 'ev-2026-normkonf',
    type: 'conference',
    title: 'Normkonferansen 2026',
    description: '<p>Årets konferanse om informasjonssikkerhet og personvern.</p>',
    startsAt: '2026-11-24T08:00:00.000Z',
    endsAt: '2026-11-24T15:00:00.000Z',
    venue: 'Oslo Kongressenter, Youngs gate 21',
    attendance: [
      { mode: 'in-person', capacity: 200 },
      { mode: 'online', capacity: null },
    ],
    registrationOpensAt: null,
    registrationClosesAt: null,
    sessions: [],
    questions: [],
    streamingUrl: 'https://stream.example.no/hemmelig-lenke',
    status: 'open',
    sequence: 3,
    createdAt: '2026-08-01T10:00:00.000Z',
    createdBy: 'redaktor',
    lastChangedAt: '2026-08-01T10:00:00.000Z',
    lastChangedBy: 'redaktor',
    revision: 1,
    anonymisedAt: null,
    ...overrides,
  });
}

/** The participant's registration token, as the links in their emails carry it. */
export const registrationToken = (deps: Pick<RegistrationDependencies, 'tokens' | 'clock'>, registration: Pick<Registration, 'eventId' | 'id'>) =>
  deps.tokens.issue(`${registration.eventId}:${registration.id}`, 'registration', deps.clock.now());

/** Presses «Bekreft plassen» for a held seat, as the participant does from the email. */
export async function confirmSeat(deps: Omit<RegistrationDependencies, 'rateLimiter'>, registration: Pick<Registration, 'eventId' | 'id'>) {
  return confirmByLink(deps, registrationToken(deps, registration));
}

/** Registers and, when the seat is held, confirms it: a participant who answers the email. */
export async function registerAndConfirm(
  deps: RegistrationDependencies,
  eventId: string,
  request: RegistrationRequest,
  clientAddress: string,
): Promise<RegistrationOutcome> {
  const outcome = await register(deps, eventId, request, clientAddress);
  if (outcome.kind !== 'registered' || outcome.registration.status !== 'held') return outcome;
  const confirmed = await confirmSeat(deps, outcome.registration);
  return { ...outcome, registration: confirmed.registration };
}
