import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { registrationSchema, type AttendanceMode, type Registration } from '../../content-model';
import {
  deleteStep,
  itemExists,
  itemIsNew,
  putStep,
  queryPartition,
  queryPartitionPage,
  queryPrefix,
  updateStep,
  write,
  type Page,
  type PageRequest,
  type Table,
  type TransactionStep,
} from '../shared/db/client';
import type { Condition } from '../shared/db/conditions';
import { holdDueEntity, registrationEmailEntity, registrationEntity, waitlistEntryEntity } from '../shared/db/entities';
import { ConflictError } from '../shared/errors';

/**
 * A registration lives in its event's partition, keyed by its time-ordered id, so the list comes
 * out in registration order. Beside it: one item per email (one registration per address and
 * event) and one waitlist marker per waitlisted registration, ordered by its place in the line.
 */
const registrationKey = (eventId: string, id: string) => registrationEntity.key({ eventId, id });
const emailKey = (eventId: string, email: string) => registrationEmailEntity.key({ eventId, email });
const waitlistKey = (eventId: string, mode: AttendanceMode, waitlistKey: string) => waitlistEntryEntity.key({ eventId, mode, waitlistKey });
const markerSchema = z.object({ registrationId: z.string() });
/** Holds by the time they end, across events: the seat-holds job reads only those that have ended. */
const holdDueKey = (heldUntil: string, eventId: string, registrationId: string) => holdDueEntity.key({ heldUntil, eventId, registrationId });
/** The email claim or waitlist marker is this registration's (or already gone). */
const markerOf = (registrationId: string): Condition => ({ attribute: 'registrationId', is: '=', value: registrationId });
const holdDueSchema = z.object({ eventId: z.string(), registrationId: z.string(), heldUntil: z.string() });

export class AlreadyRegisteredError extends ConflictError {}

export function createRegistrationRepository(table: Table) {
  async function get(eventId: string, id: string): Promise<Registration | null> {
    const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: registrationKey(eventId, id), ConsistentRead: true }));
    return Item ? registrationSchema.parse(Item) : null;
  }

  function joinWaitlist(registration: Pick<Registration, 'eventId' | 'mode' | 'id'>, key: string): TransactionStep {
    return putStep(table, { ...waitlistKey(registration.eventId, registration.mode, key), entity: waitlistEntryEntity.name, registrationId: registration.id }, [
      itemIsNew,
    ]);
  }

  /** Puts a held registration in the seat-holds job's queue, by the time its hold ends. */
  function scheduleHoldExpiry(registration: Pick<Registration, 'eventId' | 'id' | 'heldUntil'>): TransactionStep {
    if (!registration.heldUntil) throw new Error('A hold needs an end');
    return putStep(table, {
      ...holdDueKey(registration.heldUntil, registration.eventId, registration.id),
      entity: holdDueEntity.name,
      eventId: registration.eventId,
      registrationId: registration.id,
      heldUntil: registration.heldUntil,
    });
  }

  /** Frees the address, so the person can register again after cancelling. */
  function releaseEmail(registration: Pick<Registration, 'eventId' | 'email' | 'id'>): TransactionStep {
    return deleteStep(table, emailKey(registration.eventId, registration.email), [{ anyOf: [{ attribute: 'pk', exists: false }, markerOf(registration.id)] }]);
  }

  return {
    get,
    joinWaitlist,
    scheduleHoldExpiry,

    /** Takes a hold out of the job's queue (confirmed, cancelled or expired); harmless if already gone. */
    unscheduleHoldExpiry(registration: Pick<Registration, 'eventId' | 'id' | 'heldUntil'>): TransactionStep[] {
      if (!registration.heldUntil) return [];
      return [deleteStep(table, holdDueKey(registration.heldUntil, registration.eventId, registration.id))];
    },

    /** Holds that have ended by `now`, oldest first; the cost grows with what is due, not with all registrations. */
    holdsDue(now: string): Promise<{ eventId: string; registrationId: string; heldUntil: string }[]> {
      return queryPartition(
        table,
        { pk: holdDueEntity.partition({}), sort: { op: '<=', value: `${holdDueEntity.sortPrefix({ heldUntil: now })}~` }, consistentRead: true },
        (item) => holdDueSchema.parse(item),
      );
    },

    /** Removes a queue entry that no longer names a live hold (found by the job after someone else acted). */
    async dropHoldDue(due: { eventId: string; registrationId: string; heldUntil: string }): Promise<void> {
      await write(table, deleteStep(table, holdDueKey(due.heldUntil, due.eventId, due.registrationId)));
    },

    async findByEmail(eventId: string, email: string): Promise<Registration | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: emailKey(eventId, email), ConsistentRead: true }));
      const marker = markerSchema.safeParse(Item);
      return marker.success ? get(eventId, marker.data.registrationId) : null;
    },

    /** Every registration of an event in registration order (hundreds at most). */
    list(eventId: string): Promise<Registration[]> {
      return queryPrefix(table, { pk: registrationEntity.partition({ eventId }), prefix: registrationEntity.sortPrefix() }, (item) =>
        registrationSchema.parse(item),
      );
    },

    /** One page of `list`, filled with registrations that `matches` accepts. */
    page(eventId: string, page: PageRequest, matches: (registration: Registration) => boolean): Promise<Page<Registration>> {
      return queryPartitionPage(
        table,
        { pk: registrationEntity.partition({ eventId }), sort: { op: 'begins_with', value: registrationEntity.sortPrefix() } },
        page,
        (item) => registrationSchema.parse(item),
        matches,
      );
    },

    /** The first `limit` people in line for a mode, read consistently so a promotion sees the latest line. */
    async waitlistHead(eventId: string, mode: AttendanceMode, limit = 1): Promise<string[]> {
      const { Items } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': waitlistEntryEntity.partition({ eventId }), ':prefix': waitlistEntryEntity.sortPrefix({ mode }) },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (Items ?? []).map((item) => markerSchema.parse(item).registrationId);
    },

    /** Everyone in line for a mode, first first: the order in which `waitlistHead` offers freed seats. */
    waitlist(eventId: string, mode: AttendanceMode): Promise<string[]> {
      return queryPrefix(
        table,
        { pk: waitlistEntryEntity.partition({ eventId }), prefix: waitlistEntryEntity.sortPrefix({ mode }) },
        (item) => markerSchema.parse(item).registrationId,
      );
    },

    /** A new registration with its email claim (and waitlist marker): fails if the address is registered. */
    insert(registration: Registration): TransactionStep[] {
      return [
        putStep(table, { ...registrationKey(registration.eventId, registration.id), entity: registrationEntity.name, ...registration }, [itemIsNew]),
        putStep(
          table,
          { ...emailKey(registration.eventId, registration.email), entity: registrationEmailEntity.name, registrationId: registration.id },
          [itemIsNew],
          () => new AlreadyRegisteredError('Adressen er allerede påmeldt'),
        ),
        ...(registration.waitlistKey ? [joinWaitlist(registration, registration.waitlistKey)] : []),
        ...(registration.status === 'held' ? [scheduleHoldExpiry(registration)] : []),
      ];
    },

    /** Saves a new state of a registration, if it is still in the state it was read in. */
    transition(next: Registration, expected: Pick<Registration, 'status' | 'checkedInAt'>, onConditionFailed: () => ConflictError): TransactionStep {
      const { id, eventId, ...fields } = next;
      const checkedIn: Condition =
        expected.checkedInAt === null ? { attribute: 'checkedInAt', isNull: true } : { attribute: 'checkedInAt', is: '=', value: expected.checkedInAt };
      return updateStep(table, registrationKey(eventId, id), fields, [{ attribute: 'status', is: '=', value: expected.status }, checkedIn], onConditionFailed);
    },

    leaveWaitlist(registration: Pick<Registration, 'eventId' | 'mode' | 'id'>, key: string): TransactionStep {
      return deleteStep(table, waitlistKey(registration.eventId, registration.mode, key), [markerOf(registration.id)]);
    },

    releaseEmail,

    /** Blanks the personal data of one registration; status, mode, sessions and check-in stay for the counts. */
    async anonymise(registration: Registration, at: string): Promise<void> {
      if (registration.email) {
        await write(table, releaseEmail(registration));
      }
      await write(
        table,
        updateStep(table, registrationKey(registration.eventId, registration.id), { name: '', email: '', organisation: '', answers: {}, anonymisedAt: at }, [
          itemExists,
        ]),
      );
    },
  };
}
export type RegistrationRepository = ReturnType<typeof createRegistrationRepository>;
