import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '../../content-model';
import { normaliseEventForm, toEventUpdate, validateEventForm } from '../../cms/src/events/eventPayload';
import { instantFromOsloInput, osloInputValue } from '../../cms/src/events/osloTimeInput';

/**
 * The event form's date-time inputs show Oslo wall-clock time and keep ISO instants (UTC) in the
 * form, whatever zone the browser is in; the form's values become the API's EventInput/EventUpdate.
 */
describe('Oslo time in the event form', () => {
  it('reads wall-clock time as Oslo time, in summer (UTC+2) and winter (UTC+1)', () => {
    expect(instantFromOsloInput('2026-06-10T09:30')).toBe('2026-06-10T07:30:00.000Z');
    expect(instantFromOsloInput('2026-01-15T09:30')).toBe('2026-01-15T08:30:00.000Z');
  });

  it('gets the offset right on the days the clocks change', () => {
    // 29 March 2026: 02:00 → 03:00. Before the change UTC+1, after it UTC+2.
    expect(instantFromOsloInput('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(instantFromOsloInput('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: 03:00 → 02:00. Before the change UTC+2, after it UTC+1.
    expect(instantFromOsloInput('2026-10-25T01:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(instantFromOsloInput('2026-10-25T04:00')).toBe('2026-10-25T03:00:00.000Z');
  });

  it('shows a stored instant as Oslo wall-clock time, across midnight and the clock change', () => {
    expect(osloInputValue('2026-06-10T07:30:00.000Z')).toBe('2026-06-10T09:30');
    expect(osloInputValue('2026-12-31T23:15:00Z')).toBe('2027-01-01T00:15');
    expect(osloInputValue('2026-03-29T01:30:00.000Z')).toBe('2026-03-29T03:30');
    expect(osloInputValue('2026-10-25T03:00:00.000Z')).toBe('2026-10-25T04:00');
  });

  it('round-trips every hour of a year that has both clock changes', () => {
    // 02:00–02:59 on 25 October happens twice; that wall-clock time can only stand for one of the two.
    const repeatedHour = (instant: string) => instant >= '2026-10-25T00:00:00.000Z' && instant < '2026-10-25T02:00:00.000Z';
    for (let hour = 0; hour < 365 * 24; hour += 1) {
      const instant = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
      const shown = osloInputValue(instant);
      const read = instantFromOsloInput(shown);
      if (repeatedHour(instant)) expect(osloInputValue(read)).toBe(shown);
      else expect(read).toBe(instant);
    }
  });

  it('keeps a value that is already wall-clock time (react-admin formats twice), and empties what is not a time', () => {
    expect(osloInputValue('2026-06-10T09:30')).toBe('2026-06-10T09:30');
    expect(osloInputValue(null)).toBe('');
    expect(osloInputValue('')).toBe('');
    expect(osloInputValue('ikke en dato')).toBe('');
    expect(instantFromOsloInput('')).toBeNull();
    expect(instantFromOsloInput('2026-06-10')).toBeNull();
  });
});

const formValues = {
  type: 'course',
  title: 'Kurs i risikovurdering',
  description: '<p></p>',
  startsAt: '2026-09-15T07:00:00.000Z',
  endsAt: '2026-09-15T14:00:00.000Z',
  venue: null,
  attendance: [
    { mode: 'in-person', capacity: 40 },
    { mode: 'online', capacity: null },
  ],
  registrationOpensAt: null,
  registrationClosesAt: '2026-09-10T21:59:00.000Z',
  sessions: [
    { id: 'okt-1', title: 'Innledning', speaker: null, startsAt: '2026-09-15T07:00:00.000Z', endsAt: '2026-09-15T08:00:00.000Z', capacity: undefined },
  ],
  questions: [{ kind: 'dietary', label: 'Allergier?', required: undefined }],
  eligibility: null,
  streamingUrl: '',
  reminderHoursBefore: null,
  retentionDays: 30,
};

describe('The event form as the API gets it', () => {
  it('turns what react-admin leaves (null, undefined, an empty editor) into the API’s empties and defaults', () => {
    expect(normaliseEventForm(formValues)).toMatchObject({
      description: '',
      venue: null,
      streamingUrl: null,
      eligibility: '',
      reminderHoursBefore: undefined,
      sessions: [{ id: 'okt-1', title: 'Innledning', speaker: '', capacity: null }],
      questions: [{ kind: 'dietary', label: 'Allergier?', required: false }],
    });
  });

  it('names the field to fix, as the API would', () => {
    // In-person attendance needs a venue.
    expect(validateEventForm(formValues)).toEqual({ venue: 'Oppgi sted for fysisk oppmøte' });
    const sessionAfterTheEnd = {
      ...formValues,
      venue: 'Oslo',
      sessions: [{ title: 'Sent', startsAt: '2026-09-15T13:00:00.000Z', endsAt: '2026-09-15T15:00:00.000Z' }],
    };
    expect(validateEventForm(sessionAfterTheEnd)).toEqual({ sessions: { 0: { startsAt: 'Økten må ligge innenfor arrangementet' } } });
    expect(validateEventForm({ ...formValues, venue: 'Oslo', title: '', startsAt: null })).toMatchObject({ title: 'Påkrevd', startsAt: 'Påkrevd' });
  });

  it('sends the whole event with the chosen status and the revision the editor started from', () => {
    const update = toEventUpdate({ ...formValues, venue: 'Oslo', status: 'open' }, { status: 'draft', revision: 3 });
    expect(update).toMatchObject({ status: 'open', expectedRevision: 3, venue: 'Oslo', reminderHoursBefore: 24, retentionDays: 30 });
    expect(update.sessions[0]?.id).toBe('okt-1');
    expect(eventInputSchema.safeParse(update).success).toBe(true);
  });
});
