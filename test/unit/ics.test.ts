import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventCalendar, foldLine, type CalendarOptions } from '../../functions/events/ics';
import { storedEvent as makeEvent } from '../support/events';

const now = new Date('2026-11-01T12:34:56.789Z');
const publish: CalendarOptions = { method: 'PUBLISH', organizerEmail: 'sekretariatet@normen.no', now };

function parse(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevent = root.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('No VEVENT');
  return { root, vevent, event: new ICAL.Event(vevent) };
}

describe('eventCalendar', () => {
  it('writes a winter event in Oslo time (CET, +01:00) that converts back to the right instant', () => {
    const ics = eventCalendar(makeEvent(), publish);
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Oslo:20261124T090000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Europe/Oslo:20261124T160000\r\n');
    const { event } = parse(ics);
    // Resolved from the calendar's own VTIMEZONE, not the machine's local zone.
    expect(event.startDate.zone?.tzid).toBe('Europe/Oslo');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-24T15:00:00.000Z');
  });

  it('writes a summer event in Oslo time (CEST, +02:00)', () => {
    const ics = eventCalendar(makeEvent({ startsAt: '2027-06-10T07:00:00.000Z', endsAt: '2027-06-10T13:30:00.000Z' }), publish);
    expect(ics).toContain('DTSTART;TZID=Europe/Oslo:20270610T090000\r\n');
    expect(ics).toContain('DTEND;TZID=Europe/Oslo:20270610T153000\r\n');
    const { event } = parse(ics);
    expect(event.startDate.zone?.tzid).toBe('Europe/Oslo');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-06-10T07:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-06-10T13:30:00.000Z');
  });

  it.each([
    // The day before and the day of each change: catches a VTIMEZONE rule on the wrong Sunday.
    ['2027-03-27T11:00:00.000Z', '20270327T120000'],
    ['2027-03-28T10:00:00.000Z', '20270328T120000'],
    ['2026-10-24T10:00:00.000Z', '20261024T120000'],
    ['2026-10-25T11:00:00.000Z', '20261025T120000'],
  ])('gets the offset right around the DST change: %s is %s in Oslo', (startsAt, local) => {
    const endsAt = new Date(new Date(startsAt).getTime() + 3_600_000).toISOString();
    const ics = eventCalendar(makeEvent({ startsAt, endsAt }), publish);
    expect(ics).toContain(`DTSTART;TZID=Europe/Oslo:${local}\r\n`);
    expect(parse(ics).event.startDate.toJSDate().toISOString()).toBe(startsAt);
  });

  it('identifies the event by UID and SEQUENCE and stamps it in UTC', () => {
    const { root, vevent, event } = parse(eventCalendar(makeEvent(), publish));
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.uid).toBe('event-ev-2026-normkonf@normen.no');
    expect(event.sequence).toBe(3);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).toBe('2026-11-01T12:34:56Z');
    expect(String(vevent.getFirstPropertyValue('organizer'))).toBe('mailto:sekretariatet@normen.no');
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe('Sekretariatet for Normen');
    expect(event.summary).toBe('Normkonferansen 2026');
    expect(event.location).toBe('Oslo Kongressenter, Youngs gate 21');
    expect(vevent.getFirstPropertyValue('url')).toBeNull();
    expect(vevent.getFirstPropertyValue('attendee')).toBeNull();
  });

  it('cancels with the same UID and SEQUENCE, METHOD:CANCEL and STATUS:CANCELLED', () => {
    const published = parse(eventCalendar(makeEvent(), publish));
    const { root, vevent, event } = parse(eventCalendar(makeEvent(), { ...publish, method: 'CANCEL', attendeeEmail: 'per@sykehus.no' }));
    expect(root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(published.event.uid);
    expect(event.sequence).toBe(published.event.sequence);
    expect(String(vevent.getFirstPropertyValue('attendee'))).toBe('mailto:per@sykehus.no');
  });

  it('adds URL when given and says "Digitalt" for an online-only event', () => {
    const online = makeEvent({ venue: null, attendance: [{ mode: 'online', capacity: null }] });
    const { vevent, event } = parse(eventCalendar(online, { ...publish, url: 'https://normen.no/arrangementer/normkonferansen-2026' }));
    expect(vevent.getFirstPropertyValue('url')).toBe('https://normen.no/arrangementer/normkonferansen-2026');
    expect(event.location).toBe('Digitalt');
  });

  it('never puts the streaming link in the calendar entry', () => {
    expect(eventCalendar(makeEvent(), publish)).not.toContain('stream.example.no');
  });

  it('folds a long Norwegian description at 75 octets without splitting a character, and it round-trips', () => {
    const paragraphs = [
      'Velkommen til årets største møteplass for personvern, informasjonssikkerhet og tillit i helse- og omsorgssektoren; vi gleder oss!',
      'Tema: tilgangsstyring, skytjenester; risikovurdering, avvik og kunstig intelligens – særlig for små virksomheter i kommunene.',
      'Spørsmål? Skriv til sekretariatet (C:\\normen\\svar) før fredag. Æ, Ø og Å er med, og 🙂 også.',
    ];
    const event = makeEvent({ description: paragraphs.map((text) => `<p>${text}</p>`).join('') });
    const ics = eventCalendar(event, publish);

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // Check octets, not UTF-16 units: every physical line is at most 75 bytes and valid UTF-8 on its own.
    const bytes = Buffer.from(ics, 'utf8');
    const physical: Buffer[] = [];
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf('\r\n', start);
      physical.push(bytes.subarray(start, end));
      start = end + 2;
    }
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const line of physical) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
    }
    const lines = physical.map((line) => line.toString('utf8'));
    const first = lines.findIndex((line) => line.startsWith('DESCRIPTION:'));
    const continuations = lines.slice(first + 1).findIndex((line) => !line.startsWith(' '));
    expect(continuations).toBeGreaterThanOrEqual(4);
    // Folding uses the room it has (a letter of two bytes may leave one octet unused).
    expect(physical[first]?.length).toBeGreaterThanOrEqual(74);

    expect(parse(ics).event.description).toBe(paragraphs.join('\n'));
  });

  it('escapes TEXT values so commas, semicolons, backslashes and newlines survive', () => {
    const event = makeEvent({
      title: 'Kurs; del 1, 2 og 3 – «Normen\\praksis»',
      venue: 'Helsedirektoratet, Vitaminveien 4; 0485 Oslo',
      description: 'Første linje<br>Andre linje',
    });
    const ics = eventCalendar(event, publish);
    expect(ics).toContain('SUMMARY:Kurs\\; del 1\\, 2 og 3 – «Normen\\\\praksis»\r\n');
    const parsed = parse(ics).event;
    expect(parsed.summary).toBe('Kurs; del 1, 2 og 3 – «Normen\\praksis»');
    expect(parsed.location).toBe('Helsedirektoratet, Vitaminveien 4; 0485 Oslo');
    expect(parsed.description).toBe('Første linje\nAndre linje');
  });

  it('turns the rich-text description into short plain text', () => {
    const long = `<h2>Program</h2><ul><li>Åpning &amp; velkommen</li><li>Skytjenester</li></ul><p>${'Mye godt innhold. '.repeat(80)}</p>`;
    const description = parse(eventCalendar(makeEvent({ description: long }), publish)).event.description;
    expect(description.startsWith('Program\n- Åpning & velkommen\n- Skytjenester\n')).toBe(true);
    expect(description).not.toMatch(/[<>]/);
    expect(description.length).toBeLessThanOrEqual(610);
    expect(description.endsWith('…')).toBe(true);
  });
});

describe('foldLine', () => {
  it('leaves 75 octets alone and folds the 76th onto a continuation line', () => {
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });

  it('moves a two-byte letter that would straddle the limit to the next line', () => {
    const folded = foldLine(`${'A'.repeat(74)}ø`);
    expect(folded).toBe(`${'A'.repeat(74)}\r\n ø`);
  });
});
