import { beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_INPUT, inputSubmissionSchema } from '../../content-model';
import { changeRegistration, registrationsCsv } from '../../functions/events/events-admin';
import { register } from '../../functions/events/registration';
import { inputsCsv, submitInput } from '../../functions/inputs/use-cases';
import { editor, openEvent, participant, registerAndConfirm } from '../support/events';
import { reviewDependencies } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

/** The CSV as Excel reads it: rows of cells by header (no cell here holds a semicolon or a quote). */
function parseCsv(csv: string): { header: string[]; rows: Record<string, string>[] } {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header = [], ...rows] = csv
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(';'));
  return { header, rows: rows.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']))) };
}

/**
 * Times in the CSV exports are the clock in Oslo, winter (UTC+1) and summer (UTC+2) alike, and the
 * column says so; a spreadsheet has no time zone, so a UTC time would be an hour or two off.
 */
describe('CSV exports in Oslo time', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2027-01-15T09:00:00Z');
  });

  it('writes when an input was received in Oslo time under "Mottatt (Oslo-tid)"', async () => {
    const submit = (name: string, address: string) =>
      submitInput(
        deps,
        inputSubmissionSchema.parse({
          consultationId: GENERAL_INPUT,
          name,
          email: `${name.toLowerCase()}@sykehus.no`,
          organisation: 'Helse Vest',
          stakeholderGroup: 'obliged-organisation',
          text: 'Et behov for en ny veileder.',
        }),
        address,
      );
    deps.clock.set('2027-01-15T09:00:00Z'); // winter: 10:00 in Oslo
    await submit('Vinter', '10.1.0.1');
    deps.clock.set('2027-06-15T08:00:00Z'); // summer: 10:00 in Oslo
    await submit('Sommer', '10.1.0.2');

    const { header, rows } = parseCsv(await inputsCsv(deps, GENERAL_INPUT));
    expect(header[0]).toBe('Mottatt (Oslo-tid)');
    expect(header).not.toContain('Mottatt');
    const received = (name: string) => rows.find((row) => row.Navn === name)?.['Mottatt (Oslo-tid)'];
    expect(received('Vinter')).toBe('2027-01-15 10:00');
    expect(received('Sommer')).toBe('2027-06-15 10:00');
  });

  it('writes registration, hold and check-in times in Oslo time, each column saying so', async () => {
    deps.clock.set('2027-01-15T09:00:00Z');
    const event = await openEvent(deps, {
      title: 'Normkonferansen 2027',
      startsAt: '2027-08-20T07:00:00Z',
      endsAt: '2027-08-20T14:00:00Z',
      sessions: [],
      questions: [],
    });
    // Kari registers in winter (10:00 in Oslo) and confirms her seat.
    const kari = await registerAndConfirm(deps, event.id, participant({ name: 'Kari Vinter', answers: {} }), '10.2.0.1');
    // Ola registers in summer (10:00 in Oslo); his seat is held for a day.
    deps.clock.set('2027-06-15T08:00:00Z');
    const ola = await register(deps, event.id, participant({ name: 'Ola Sommer', answers: {} }), '10.2.0.2');
    if (kari.kind !== 'registered' || ola.kind !== 'registered') throw new Error('not registered');
    expect(ola.registration.status).toBe('held');
    // Kari is checked in on the day, at 08:45 in Oslo (summer time).
    deps.clock.set('2027-08-20T06:45:00Z');
    await changeRegistration(deps, editor, event.id, kari.registration.id, { checkedIn: true });

    const { header, rows } = parseCsv(await registrationsCsv(deps, event.id, {}));
    expect(header).toEqual(expect.arrayContaining(['Registrert (Oslo-tid)', 'Holdt til (Oslo-tid)', 'Sjekket inn (Oslo-tid)']));
    expect(header).not.toContain('Påmeldt');
    const row = (name: string) => rows.find((candidate) => candidate.Navn === name);
    expect(row('Kari Vinter')).toMatchObject({
      'Registrert (Oslo-tid)': '2027-01-15 10:00',
      'Holdt til (Oslo-tid)': '',
      'Sjekket inn (Oslo-tid)': '2027-08-20 08:45',
    });
    expect(row('Ola Sommer')).toMatchObject({
      'Registrert (Oslo-tid)': '2027-06-15 10:00',
      'Holdt til (Oslo-tid)': '2027-06-16 10:00',
      'Sjekket inn (Oslo-tid)': '',
    });
  });
});
