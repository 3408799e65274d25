import { beforeAll, describe, expect, it } from 'vitest';
import { listedRegistrationSchema, type RegistrationPageQuery } from '../../content-model';
import { changeRegistration, registrationPage } from '../../functions/events/events-admin';
import { register } from '../../functions/events/registration';
import { editor, openEvent, participant } from '../support/events';
import { reviewDependencies } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

/** The editors' list of registrations shows each waitlisted one's place in line, as promotion sees the line. */
describe('waitlist positions in the registrations list', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });

  it('numbers the line 1, 2, … in the order freed seats are offered, and moves up when the first gets a seat', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }], sessions: [] });
    const ids: Record<string, string> = {};
    for (const [index, name] of ['Anne', 'Bjørn', 'Cecilie', 'David'].entries()) {
      // A second apart, so the registration times differ to the second.
      deps.clock.set(new Date(Date.parse('2026-11-22T09:00:00Z') + index * 1000));
      const outcome = await register(deps, event.id, participant({ name }), `10.9.0.${index}`);
      if (outcome.kind !== 'registered') throw new Error('not registered');
      ids[name] = outcome.registration.id;
    }
    const positions = async (query: RegistrationPageQuery = { limit: 50 }) => {
      const page = await registrationPage(deps, event.id, query);
      return Object.fromEntries(page.items.map((item) => [listedRegistrationSchema.parse(item).name, item.waitlistPosition]));
    };
    expect(await positions()).toEqual({ Anne: null, Bjørn: 1, Cecilie: 2, David: 3 });
    // Filtered to the waitlist, a page still shows the place in the whole line.
    expect(await positions({ status: 'waitlisted', limit: 2 })).toEqual({ Bjørn: 1, Cecilie: 2 });

    // Anne leaves: number 1 is offered her seat, and the others move up.
    await changeRegistration(deps, editor, event.id, ids.Anne ?? '', { status: 'cancelled' });
    const page = await registrationPage(deps, event.id, { limit: 50 });
    expect(page.items.find((item) => item.id === ids.Bjørn)).toMatchObject({ status: 'held', waitlistPosition: null });
    expect(await positions()).toEqual({ Anne: null, Bjørn: null, Cecilie: 1, David: 2 });

    // Someone put back on the waitlist by hand (an hour later) joins at the back.
    deps.clock.set('2026-11-22T10:00:00Z');
    await changeRegistration(deps, editor, event.id, ids.Cecilie ?? '', { status: 'confirmed' });
    await changeRegistration(deps, editor, event.id, ids.Cecilie ?? '', { status: 'waitlisted' });
    expect(await positions()).toEqual({ Anne: null, Bjørn: null, Cecilie: 2, David: 1 });
  });
});
