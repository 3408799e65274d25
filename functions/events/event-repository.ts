import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { attendanceModes, eventSchema, type AttendanceMode, type EventSeats, type NormenEvent } from '../../content-model';
import { queryAll, queryIndex, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { indexes } from '../shared/db/table-definition';
import { ConflictError } from '../shared/errors';

const eventKey = (id: string) => ({ pk: `EVENT#${id}`, sk: 'EVENT' });
const seatsKey = (id: string) => ({ pk: `EVENT#${id}`, sk: 'SEATS' });
const EVENTS = 'EVENTS';

/** Work the scheduled jobs must do for an event at a time: remind participants, anonymise them. */
export type DueWork = 'reminder' | 'retention';
const dueKey = (work: DueWork, at: string, eventId: string) => ({ pk: `EVENTS_DUE#${work}`, sk: `${at}#${eventId}` });
const dueItemSchema = z.object({ eventId: z.string(), at: z.string() });

/**
 * Seat counters live in one item per event, as flat attributes (`confirmed:in-person`,
 * `session:<id>`, …) so that ADD creates a missing counter and conditions can compare one value.
 * `taken` counts every seat given out, held or confirmed, so that one condition guards the capacity;
 * it is stored as `confirmed:<mode>` and `session:<id>`, the names from before holds existed, so
 * counters stored then (when every seat was confirmed) stay right. `held` counts the unconfirmed part.
 */
export const seatAttribute = {
  taken: (mode: AttendanceMode) => `confirmed:${mode}`,
  held: (mode: AttendanceMode) => `held:${mode}`,
  waitlisted: (mode: AttendanceMode) => `waitlisted:${mode}`,
  checkedIn: (mode: AttendanceMode) => `checkedIn:${mode}`,
  sessionTaken: (sessionId: string) => `session:${sessionId}`,
  sessionHeld: (sessionId: string) => `sessionHeld:${sessionId}`,
};

const counterSchema = z.number().int().catch(0);

function parseSeats(item: Record<string, unknown> | undefined): EventSeats {
  const count = (name: string) => Math.max(0, counterSchema.parse(item?.[name] ?? 0));
  const modes: EventSeats['modes'] = {};
  for (const mode of attendanceModes.codes) {
    const held = count(seatAttribute.held(mode));
    modes[mode] = {
      confirmed: Math.max(0, count(seatAttribute.taken(mode)) - held),
      held,
      waitlisted: count(seatAttribute.waitlisted(mode)),
      checkedIn: count(seatAttribute.checkedIn(mode)),
    };
  }
  const sessions: Record<string, number> = {};
  const sessionsHeld: Record<string, number> = {};
  for (const name of Object.keys(item ?? {})) {
    if (name.startsWith('session:')) {
      const id = name.slice('session:'.length);
      const held = count(seatAttribute.sessionHeld(id));
      sessions[id] = Math.max(0, count(name) - held);
      if (held) sessionsHeld[id] = held;
    }
  }
  return { modes, sessions, sessionsHeld };
}

/** A change to the seat counters, with the conditions that make it safe; applied in a transaction. */
export interface SeatChange {
  /** Attribute → amount to add (negative to subtract). */
  add: Record<string, number>;
  /** Conditions on the values before the change, joined with AND; each is a template over `#name` and `:value`. */
  conditions: { expression: string; names: Record<string, string>; values: Record<string, unknown> }[];
}

export function createEventRepository(table: Table) {
  return {
    async get(id: string): Promise<NormenEvent | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: eventKey(id), ConsistentRead: true }));
      return Item ? eventSchema.parse(Item) : null;
    },

    async seats(id: string): Promise<EventSeats> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: seatsKey(id), ConsistentRead: true }));
      return parseSeats(Item);
    },

    /** Every event ordered by start; `from` narrows to those starting at or after an instant. */
    list(from?: string): Promise<NormenEvent[]> {
      return queryIndex(table, indexes.catalogue, { partition: EVENTS, sort: from ? { op: '>=', value: from } : undefined }, (item) => eventSchema.parse(item));
    },

    insert(event: NormenEvent): TransactionStep[] {
      return [
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...eventKey(event.id), entity: 'event', gsi1pk: EVENTS, gsi1sk: `${event.startsAt}#${event.id}`, ...event },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...seatsKey(event.id), entity: 'event-seats', eventId: event.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
      ];
    },

    /** Saves the event if nobody changed it since `expectedRevision`. */
    update(event: NormenEvent, expectedRevision: number): TransactionStep {
      const expression = updateExpression({ ...event, gsi1sk: `${event.startsAt}#${event.id}` });
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: eventKey(event.id),
            ...expression,
            ConditionExpression: 'attribute_exists(pk) AND #expectedRevision = :expectedRevision',
            ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#expectedRevision': 'revision' },
            ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ':expectedRevision': expectedRevision },
          },
        },
        onConditionFailed: () => new ConflictError('Arrangementet er endret av noen andre. Last inn på nytt.'),
      };
    },

    /**
     * Holds a registration to the event as it was read: still open for registration and unchanged
     * (capacity, sessions). If an editor changed it meanwhile, the registration is decided again.
     */
    checkUnchanged(event: NormenEvent, onChanged: () => ConflictError): TransactionStep {
      return {
        item: {
          ConditionCheck: {
            TableName: table.name,
            Key: eventKey(event.id),
            ConditionExpression: '#status = :status AND revision = :revision',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': event.status, ':revision': event.revision },
          },
        },
        onConditionFailed: onChanged,
      };
    },

    changeSeats(eventId: string, change: SeatChange, onConditionFailed: () => ConflictError): TransactionStep {
      const entries = Object.entries(change.add).filter(([, amount]) => amount !== 0);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const adds = entries.map(([attribute, amount], index) => {
        names[`#s${index}`] = attribute;
        values[`:s${index}`] = amount;
        return `#s${index} :s${index}`;
      });
      const conditions = change.conditions.map((condition, index) => {
        let expression = condition.expression;
        for (const [placeholder, attribute] of Object.entries(condition.names)) {
          names[`${placeholder}_${index}`] = attribute;
          expression = expression.replaceAll(placeholder, `${placeholder}_${index}`);
        }
        for (const [placeholder, value] of Object.entries(condition.values)) {
          values[`${placeholder}_${index}`] = value;
          expression = expression.replaceAll(placeholder, `${placeholder}_${index}`);
        }
        return `(${expression})`;
      });
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: seatsKey(eventId),
            UpdateExpression: adds.length ? `ADD ${adds.join(', ')}` : 'SET eventId = :eventId',
            ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
            ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
            ExpressionAttributeValues: { ...values, ...(adds.length ? {} : { ':eventId': eventId }) },
          },
        },
        onConditionFailed,
      };
    },

    /** Records the anonymisation; the revision moves so that an editor's stale save cannot undo the mark. */
    async markAnonymised(id: string, at: string): Promise<void> {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: eventKey(id),
          UpdateExpression: 'SET anonymisedAt = :at ADD revision :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at, ':one': 1 },
        }),
      );
    },

    /** Schedules work for a job; `at` is an ISO instant. */
    scheduleDue(work: DueWork, at: string, eventId: string): TransactionStep {
      return { item: { Put: { TableName: table.name, Item: { ...dueKey(work, at, eventId), entity: 'event-due', work, at, eventId } } } };
    },

    unscheduleDue(work: DueWork, at: string, eventId: string): TransactionStep {
      return { item: { Delete: { TableName: table.name, Key: dueKey(work, at, eventId) } } };
    },

    /** Work due at or before `now`: the job reads only what is due, never the whole history. */
    due(work: DueWork, now: string): Promise<{ eventId: string; at: string }[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND sk <= :now',
              ExpressionAttributeValues: { ':pk': `EVENTS_DUE#${work}`, ':now': `${now}#~` },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          ),
        (item) => dueItemSchema.parse(item),
      );
    },
  };
}
export type EventRepository = ReturnType<typeof createEventRepository>;
