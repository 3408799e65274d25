import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { attendanceModes, eventSchema, type AttendanceMode, type EventSeats, type NormenEvent } from '../../content-model';
import {
  addStep,
  conditionCheckStep,
  itemExists,
  deleteStep,
  itemIsNew,
  optimisticUpdate,
  putStep,
  queryIndex,
  queryPartition,
  type Table,
  type TransactionStep,
  write,
} from '../shared/db/client';
import type { Condition } from '../shared/db/conditions';
import { eventDueEntity, eventEntity, eventSeatsEntity } from '../shared/db/entities';
import type { ConflictError } from '../shared/errors';

const eventKey = (id: string) => eventEntity.key({ id });
const seatsKey = (eventId: string) => eventSeatsEntity.key({ eventId });

/** Work the scheduled jobs must do for an event at a time: remind participants, anonymise them. */
export type DueWork = 'reminder' | 'retention';
const dueKey = (work: DueWork, at: string, eventId: string) => eventDueEntity.key({ work, at, eventId });
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

/** A condition on the seat counters: one counter (or any of several) compared to a number. */
export type SeatCondition = Extract<Condition, { counter: string }> | { anyOf: Extract<Condition, { counter: string }>[] };

/** A change to the seat counters, with the conditions that make it safe; applied in a transaction. */
export interface SeatChange {
  /** Attribute → amount to add (negative to subtract). */
  add: Record<string, number>;
  /** What the counters must be before the change, all of them. */
  conditions: SeatCondition[];
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
      const { index, partition } = eventEntity.indexQuery('catalogue', {});
      return queryIndex(table, index, { partition, sort: from ? { op: '>=', value: from } : undefined }, (item) => eventSchema.parse(item));
    },

    insert(event: NormenEvent): TransactionStep[] {
      return [
        putStep(table, { ...eventKey(event.id), entity: eventEntity.name, ...eventEntity.index('catalogue', event), ...event }, [itemIsNew]),
        putStep(table, { ...seatsKey(event.id), entity: eventSeatsEntity.name, eventId: event.id }, [itemIsNew]),
      ];
    },

    /** Saves the event if nobody changed it since `expectedRevision`. */
    update(event: NormenEvent, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, {
        key: eventKey(event.id),
        attributes: { ...event, ...eventEntity.index('catalogue', event) },
        expectedRevision,
        what: 'Arrangementet',
      });
    },

    /**
     * Holds a registration to the event as it was read: still open for registration and unchanged
     * (capacity, sessions). If an editor changed it meanwhile, the registration is decided again.
     */
    checkUnchanged(event: NormenEvent, onChanged: () => ConflictError): TransactionStep {
      return conditionCheckStep(
        table,
        eventKey(event.id),
        [
          { attribute: 'status', is: '=', value: event.status },
          { attribute: 'revision', is: '=', value: event.revision },
        ],
        onChanged,
      );
    },

    /** Adds to the counters if the change's conditions hold; the seat rules (seats.ts) decide both. */
    changeSeats(eventId: string, change: SeatChange, onConditionFailed: () => ConflictError): TransactionStep {
      // With nothing to add, the item is still written, so that the conditions are checked.
      const set = Object.values(change.add).some((amount) => amount !== 0) ? {} : { eventId };
      return addStep(table, seatsKey(eventId), { add: change.add, set, conditions: change.conditions }, onConditionFailed);
    },

    /** Records the anonymisation; the revision moves so that an editor's stale save cannot undo the mark. */
    async markAnonymised(id: string, at: string): Promise<void> {
      await write(table, addStep(table, eventKey(id), { add: { revision: 1 }, set: { anonymisedAt: at }, conditions: [itemExists] }));
    },

    /** Schedules work for a job; `at` is an ISO instant. */
    scheduleDue(work: DueWork, at: string, eventId: string): TransactionStep {
      return putStep(table, { ...dueKey(work, at, eventId), entity: eventDueEntity.name, work, at, eventId });
    },

    unscheduleDue(work: DueWork, at: string, eventId: string): TransactionStep {
      return deleteStep(table, dueKey(work, at, eventId));
    },

    /** Work due at or before `now`: the job reads only what is due, never the whole history. */
    due(work: DueWork, now: string): Promise<{ eventId: string; at: string }[]> {
      return queryPartition(
        table,
        { pk: eventDueEntity.partition({ work }), sort: { op: '<=', value: `${eventDueEntity.sortPrefix({ at: now })}~` }, consistentRead: true },
        (item) => dueItemSchema.parse(item),
      );
    },
  };
}
export type EventRepository = ReturnType<typeof createEventRepository>;
