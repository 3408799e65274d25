import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { registrationSchema, type AttendanceMode, type Registration } from '../../content-model';
import { queryPrefix, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
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

  return {
    get,
    joinWaitlist,

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
        await table.client.send(new DeleteCommand({ TableName: table.name, Key: emailKey(registration.eventId, registration.email), ConditionExpression: 'attribute_not_exists(pk) OR registrationId = :id', ExpressionAttributeValues: { ':id': registration.id } }));
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
