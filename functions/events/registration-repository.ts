import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { registrationSchema, type AttendanceMode, type Registration } from '../../content-model';
import { queryAll, queryPrefix, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { ConflictError } from '../shared/errors';

/**
 * A registration lives in its event's partition, keyed by its time-ordered id, so the list comes
 * out in registration order. Beside it: one item per email (one registration per address and
 * event) and one waitlist marker per waitlisted registration, ordered by its place in the line.
 */
const registrationKey = (eventId: string, id: string) => ({ pk: `EVENT#${eventId}`, sk: `REG#${id}` });
const emailKey = (eventId: string, email: string) => ({ pk: `EVENT#${eventId}`, sk: `EMAIL#${email}` });
const waitlistKey = (eventId: string, mode: AttendanceMode, key: string) => ({ pk: `EVENT#${eventId}`, sk: `WAIT#${mode}#${key}` });
const markerSchema = z.object({ registrationId: z.string() });
/** Holds by the time they end, across events: the seat-holds job reads only those that have ended. */
const holdDueKey = (heldUntil: string, eventId: string, id: string) => ({ pk: 'HOLDS_DUE', sk: `${heldUntil}#${eventId}#${id}` });
const holdDueSchema = z.object({ eventId: z.string(), registrationId: z.string(), heldUntil: z.string() });

export class AlreadyRegisteredError extends ConflictError {}

export function createRegistrationRepository(table: Table) {
  async function get(eventId: string, id: string): Promise<Registration | null> {
    const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: registrationKey(eventId, id), ConsistentRead: true }));
    return Item ? registrationSchema.parse(Item) : null;
  }

  function joinWaitlist(registration: Pick<Registration, 'eventId' | 'mode' | 'id'>, key: string): TransactionStep {
    return {
      item: {
        Put: {
          TableName: table.name,
          Item: { ...waitlistKey(registration.eventId, registration.mode, key), entity: 'waitlist-entry', registrationId: registration.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  }

  /** Puts a held registration in the seat-holds job's queue, by the time its hold ends. */
  function scheduleHoldExpiry(registration: Pick<Registration, 'eventId' | 'id' | 'heldUntil'>): TransactionStep {
    if (!registration.heldUntil) throw new Error('A hold needs an end');
    return {
      item: {
        Put: {
          TableName: table.name,
          Item: {
            ...holdDueKey(registration.heldUntil, registration.eventId, registration.id),
            entity: 'hold-due',
            eventId: registration.eventId,
            registrationId: registration.id,
            heldUntil: registration.heldUntil,
          },
        },
      },
    };
  }

  return {
    get,
    joinWaitlist,
    scheduleHoldExpiry,

    /** Takes a hold out of the job's queue (confirmed, cancelled or expired); harmless if already gone. */
    unscheduleHoldExpiry(registration: Pick<Registration, 'eventId' | 'id' | 'heldUntil'>): TransactionStep[] {
      if (!registration.heldUntil) return [];
      return [{ item: { Delete: { TableName: table.name, Key: holdDueKey(registration.heldUntil, registration.eventId, registration.id) } } }];
    },

    /** Holds that have ended by `now`, oldest first; the cost grows with what is due, not with all registrations. */
    holdsDue(now: string): Promise<{ eventId: string; registrationId: string; heldUntil: string }[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND sk <= :now',
              ExpressionAttributeValues: { ':pk': 'HOLDS_DUE', ':now': `${now}#~` },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          ),
        (item) => holdDueSchema.parse(item),
      );
    },

    /** Removes a queue entry that no longer names a live hold (found by the job after someone else acted). */
    async dropHoldDue(due: { eventId: string; registrationId: string; heldUntil: string }): Promise<void> {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: holdDueKey(due.heldUntil, due.eventId, due.registrationId) }));
    },

    async findByEmail(eventId: string, email: string): Promise<Registration | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: emailKey(eventId, email), ConsistentRead: true }));
      const marker = markerSchema.safeParse(Item);
      return marker.success ? get(eventId, marker.data.registrationId) : null;
    },

    /** Every registration of an event in registration order (hundreds at most). */
    list(eventId: string): Promise<Registration[]> {
      return queryPrefix(table, { pk: `EVENT#${eventId}`, prefix: 'REG#' }, (item) => registrationSchema.parse(item));
    },

    /** The first `limit` people in line for a mode, read consistently so a promotion sees the latest line. */
    async waitlistHead(eventId: string, mode: AttendanceMode, limit = 1): Promise<string[]> {
      const { Items } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `EVENT#${eventId}`, ':prefix': `WAIT#${mode}#` },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (Items ?? []).map((item) => markerSchema.parse(item).registrationId);
    },

    /** A new registration with its email claim (and waitlist marker): fails if the address is registered. */
    insert(registration: Registration): TransactionStep[] {
      return [
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...registrationKey(registration.eventId, registration.id), entity: 'registration', ...registration },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...emailKey(registration.eventId, registration.email), entity: 'registration-email', registrationId: registration.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          onConditionFailed: () => new AlreadyRegisteredError('Adressen er allerede påmeldt'),
        },
        ...(registration.waitlistKey ? [joinWaitlist(registration, registration.waitlistKey)] : []),
        ...(registration.status === 'held' ? [scheduleHoldExpiry(registration)] : []),
      ];
    },

    /** Saves a new state of a registration, if it is still in the state it was read in. */
    transition(next: Registration, expected: Pick<Registration, 'status' | 'checkedInAt'>, onConditionFailed: () => ConflictError): TransactionStep {
      const { id, eventId, ...fields } = next;
      const expression = updateExpression(fields);
      const checkedIn = expected.checkedInAt === null ? 'attribute_type(#checkedInWas, :null)' : '#checkedInWas = :checkedInWas';
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: registrationKey(eventId, id),
            ...expression,
            ConditionExpression: `#statusWas = :statusWas AND ${checkedIn}`,
            ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#statusWas': 'status', '#checkedInWas': 'checkedInAt' },
            ExpressionAttributeValues: {
              ...expression.ExpressionAttributeValues,
              ':statusWas': expected.status,
              ...(expected.checkedInAt === null ? { ':null': 'NULL' } : { ':checkedInWas': expected.checkedInAt }),
            },
          },
        },
        onConditionFailed,
      };
    },

    leaveWaitlist(registration: Pick<Registration, 'eventId' | 'mode' | 'id'>, key: string): TransactionStep {
      return {
        item: {
          Delete: {
            TableName: table.name,
            Key: waitlistKey(registration.eventId, registration.mode, key),
            ConditionExpression: 'registrationId = :id',
            ExpressionAttributeValues: { ':id': registration.id },
          },
        },
      };
    },

    /** Frees the address, so the person can register again after cancelling. */
    releaseEmail(registration: Pick<Registration, 'eventId' | 'email' | 'id'>): TransactionStep {
      return {
        item: {
          Delete: {
            TableName: table.name,
            Key: emailKey(registration.eventId, registration.email),
            ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id',
            ExpressionAttributeValues: { ':id': registration.id },
          },
        },
      };
    },

    /** Blanks the personal data of one registration; status, mode, sessions and check-in stay for the counts. */
    async anonymise(registration: Registration, at: string): Promise<void> {
      if (registration.email) {
        await table.client.send(
          new DeleteCommand({
            TableName: table.name,
            Key: emailKey(registration.eventId, registration.email),
            ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id',
            ExpressionAttributeValues: { ':id': registration.id },
          }),
        );
      }
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: registrationKey(registration.eventId, registration.id),
          ...updateExpression({ name: '', email: '', organisation: '', answers: {}, anonymisedAt: at }),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    },
  };
}
export type RegistrationRepository = ReturnType<typeof createRegistrationRepository>;
