import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { registrationSchema, type NormenEvent, type Registration } from '../../content-model';
import {
  alreadyRegisteredEmail,
  cancelledRegistrationEmail,
  eventCancelledEmail,
  eventChangedEmail,
  participantMessageEmail,
  promotedEmail,
  registeredEmail,
  reminderEmail,
  type EventEmail,
  type RegistrationEmailContext,
} from '../../functions/events/emails';
import { composeEmail } from '../../functions/shared/email/compose';
import { storedEvent } from '../support/events';

const streamingUrl = 'https://stream.example.no/normkonf-2026-hemmelig';
const cancelUrl = 'https://api.normen.no/events/registrations/cancel?token=abc.def';

const event: NormenEvent = storedEvent({
  id: 'ev1',
  description: '<p>Årets møteplass for personvern og informasjonssikkerhet.</p>',
  sessions: [
    { id: 'open', title: 'Åpning', speaker: 'Kari Nordmann', startsAt: '2026-11-24T08:00:00.000Z', endsAt: '2026-11-24T08:30:00.000Z', capacity: null },
    { id: 'cloud', title: 'Skytjenester i praksis', speaker: '', startsAt: '2026-11-24T09:00:00.000Z', endsAt: '2026-11-24T10:15:00.000Z', capacity: 80 },
    { id: 'ai', title: 'Kunstig intelligens', speaker: 'Ola', startsAt: '2026-11-24T11:00:00.000Z', endsAt: '2026-11-24T12:00:00.000Z', capacity: null },
  ],
  streamingUrl,
  sequence: 1,
});

function registration(overrides: Partial<Registration> = {}): Registration {
  return registrationSchema.parse({
    id: 'r1',
    eventId: event.id,
    name: 'Per Hansen',
    email: 'per@sykehus.no',
    organisation: 'Sykehuset i Vestfold',
    mode: 'in-person',
    sessions: ['cloud', 'open'],
    answers: {},
    status: 'confirmed',
    registeredAt: '2026-10-01T10:00:00.000Z',
    confirmedAt: '2026-10-01T10:00:00.000Z',
    cancelledAt: null,
    checkedInAt: null,
    anonymisedAt: null,
    waitlistKey: null,
    ...overrides,
  });
}

function context(overrides: Partial<Registration> = {}, eventOverrides: Partial<NormenEvent> = {}): RegistrationEmailContext {
  return {
    event: { ...event, ...eventOverrides },
    registration: registration(overrides),
    cancelUrl,
    confirmUrl: 'https://api.normen.no/events/registrations/confirm?token=abc',
    registrationUrl: 'https://api.normen.no/events/ev-2026-normkonf/registrations',
    now: new Date('2026-11-23T08:00:00.000Z'),
  };
}

/** Through the same path as production: MIME with composeEmail, then read back by a real mail parser. */
async function send(email: EventEmail): Promise<ParsedMail> {
  return simpleParser(Buffer.from(await composeEmail('Normen <ikke-svar@normen.no>', { to: 'per@sykehus.no', ...email })));
}

const contentType = (mail: ParsedMail) => (mail.headers.get('content-type') as { value: string } | undefined)?.value;

function calendarOf(mail: ParsedMail) {
  expect(mail.attachments).toHaveLength(1);
  const attachment = mail.attachments[0];
  if (!attachment) throw new Error('No attachment');
  expect(attachment.filename).toBe('normkonferansen-2026.ics');
  expect(attachment.contentType).toBe('text/calendar');
  expect(attachment.contentDisposition).toBe('attachment');
  const text = attachment.content.toString('utf8');
  const root = new ICAL.Component(ICAL.parse(text));
  const vevent = root.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('No VEVENT');
  const params = (attachment.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params ?? {};
  return { text, method: root.getFirstPropertyValue('method'), headerMethod: params.method, vevent, event: new ICAL.Event(vevent) };
}

function expectCancelLink(mail: ParsedMail) {
  expect(mail.text).toContain(cancelUrl);
  expect(mail.html).toContain(`href="${cancelUrl.replace(/&/g, '&amp;')}"`);
}

function expectSignature(mail: ParsedMail) {
  expect(mail.text).toContain('Hilsen Sekretariatet for Normen');
  expect(mail.html).toContain('Hilsen Sekretariatet for Normen');
}

describe('composeEmail', () => {
  it('stays multipart/alternative without attachments', async () => {
    const mail = await simpleParser(
      Buffer.from(await composeEmail('a@normen.no', { to: 'b@normen.no', subject: 'Hei på deg', blocks: [{ kind: 'paragraph', text: 'Tekst æøå' }] })),
    );
    expect(contentType(mail)).toBe('multipart/alternative');
    expect(mail.subject).toBe('Hei på deg');
    expect(mail.text?.trim()).toBe('Tekst æøå');
    expect(mail.html).toContain('<p>Tekst æøå</p>');
    expect(mail.attachments).toHaveLength(0);
  });

  it('becomes multipart/mixed with the text, the HTML and the attachment when there is one', async () => {
    const mail = await send(registeredEmail(context()));
    expect(contentType(mail)).toBe('multipart/mixed');
    expect(mail.text).toContain('Du er påmeldt');
    expect(mail.html).toContain('<p>Hei Per Hansen,</p>');
    expect(mail.attachments).toHaveLength(1);
  });
});

describe('registration emails', () => {
  it('confirms a seat with time, place, sessions, mode, calendar entry and cancel link', async () => {
    const email = registeredEmail(context());
    expect(email.subject).toBe('Du er påmeldt: Normkonferansen 2026');
    const mail = await send(email);
    expect(mail.subject).toBe('Du er påmeldt: Normkonferansen 2026');
    expect(mail.text).toContain('Tid: tirsdag 24. november 2026 kl. 09.00–16.00');
    expect(mail.text).toContain('Sted: Oslo Kongressenter, Youngs gate 21');
    expect(mail.text).toContain('Deltakelse: Fysisk oppmøte');
    // Program order, not the order the participant ticked them.
    expect(mail.text).toContain('Øktene du har valgt:\n- 09.00–09.30: Åpning (Kari Nordmann)\n- 10.00–11.15: Skytjenester i praksis\n');
    expect(mail.text).not.toContain('Kunstig intelligens');
    expect(mail.html).toContain('<li>10.00–11.15: Skytjenester i praksis</li>');
    expectCancelLink(mail);
    expectSignature(mail);
    const calendar = calendarOf(mail);
    expect(calendar.method).toBe('PUBLISH');
    expect(calendar.headerMethod).toBe('PUBLISH');
    expect(calendar.event.uid).toBe('event-ev1@normen.no');
    expect(calendar.event.startDate.toJSDate().toISOString()).toBe('2026-11-24T08:00:00.000Z');
    expect(mail.text).not.toContain(streamingUrl);
  });

  it('says "digitalt" and the streaming mode to an online participant, without the link yet', async () => {
    const mail = await send(registeredEmail(context({ mode: 'online' })));
    expect(mail.text).toContain('Sted: digitalt');
    expect(mail.text).toContain('Deltakelse: Digitalt (strømming)');
    expect(mail.text).not.toContain(streamingUrl);
  });

  it('puts a waitlisted registration on the waitlist, with the cancel link and no calendar entry', async () => {
    const mail = await send(registeredEmail(context({ status: 'waitlisted', confirmedAt: null })));
    expect(mail.subject).toBe('Du står på venteliste: Normkonferansen 2026');
    expect(mail.text).toMatch(/ledig plass.*e-post/s);
    expect(contentType(mail)).toBe('multipart/alternative');
    expect(mail.attachments).toHaveLength(0);
    expectCancelLink(mail);
    expectSignature(mail);
  });

  it('tells someone promoted from the waitlist that they got a seat, with the calendar entry', async () => {
    const mail = await send(promotedEmail(context()));
    expect(mail.subject).toBe('Du har fått plass: Normkonferansen 2026');
    expect(calendarOf(mail).method).toBe('PUBLISH');
    expectCancelLink(mail);
  });

  it('tells an address that registers again what its status is, without a calendar entry', async () => {
    const confirmed = await send(alreadyRegisteredEmail(context()));
    expect(confirmed.subject).toBe('Du er allerede påmeldt: Normkonferansen 2026');
    expect(confirmed.text).toContain('er allerede påmeldt');
    expect(confirmed.attachments).toHaveLength(0);
    expectCancelLink(confirmed);
    const waitlisted = await send(alreadyRegisteredEmail(context({ status: 'waitlisted' })));
    expect(waitlisted.subject).toBe('Du står allerede på venteliste: Normkonferansen 2026');
    expect(waitlisted.text).toContain('står allerede på ventelisten');
    expect(waitlisted.attachments).toHaveLength(0);
  });

  it('confirms a cancellation with a CANCEL entry that removes the event from the calendar', async () => {
    const mail = await send(cancelledRegistrationEmail(context({ status: 'cancelled', cancelledAt: '2026-11-02T10:00:00.000Z' })));
    expect(mail.subject).toBe('Du er avmeldt: Normkonferansen 2026');
    const calendar = calendarOf(mail);
    expect(calendar.method).toBe('CANCEL');
    expect(calendar.headerMethod).toBe('CANCEL');
    expect(calendar.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(calendar.event.uid).toBe('event-ev1@normen.no');
    expect(mail.text).not.toContain(cancelUrl);
    expectSignature(mail);
  });
});

describe('reminder', () => {
  it('gives online participants the streaming link', async () => {
    const mail = await send(reminderEmail(context({ mode: 'online' })));
    expect(mail.subject).toBe('Påminnelse: Normkonferansen 2026 i morgen');
    expect(mail.text).toContain(streamingUrl);
    expect(mail.html).toContain(`href="${streamingUrl}"`);
    expect(mail.text).toContain('kl. 09.00');
    expect(calendarOf(mail).method).toBe('PUBLISH');
    expectCancelLink(mail);
    expectSignature(mail);
  });

  it('never gives the streaming link to in-person participants, in the text, the HTML or the calendar entry', async () => {
    const mail = await send(reminderEmail(context({ mode: 'in-person' })));
    expect(mail.text).not.toContain(streamingUrl);
    expect(mail.html).not.toContain(streamingUrl);
    expect(mail.html).not.toContain('stream.example.no');
    expect(calendarOf(mail).text).not.toContain('stream.example.no');
    expect(mail.text).toContain('Sted: Oslo Kongressenter, Youngs gate 21');
  });

  it('names the day when the event is further away, in summer time', async () => {
    const summer = { startsAt: '2027-06-10T07:00:00.000Z', endsAt: '2027-06-10T14:00:00.000Z', sessions: [] };
    const mail = await send(reminderEmail({ ...context({ mode: 'online' }, summer), now: new Date('2027-06-03T07:00:00.000Z') }));
    expect(mail.subject).toBe('Påminnelse: Normkonferansen 2026 torsdag 10. juni');
    expect(mail.text).toContain('Tid: torsdag 10. juni 2027 kl. 09.00–16.00');
    expect(calendarOf(mail).event.startDate.toJSDate().toISOString()).toBe('2027-06-10T07:00:00.000Z');
  });
});

describe('event changed or cancelled', () => {
  it('sends the new time with an updated entry: same UID, raised SEQUENCE', async () => {
    const moved = { startsAt: '2026-11-25T09:00:00.000Z', endsAt: '2026-11-25T14:00:00.000Z', venue: 'Clarion Hotel Oslo', sequence: 2, sessions: [] };
    const mail = await send(eventChangedEmail(context({}, moved)));
    expect(mail.subject).toBe('Endret: Normkonferansen 2026');
    expect(mail.text).toContain('Tid: onsdag 25. november 2026 kl. 10.00–15.00');
    expect(mail.text).toContain('Sted: Clarion Hotel Oslo');
    const calendar = calendarOf(mail);
    expect(calendar.method).toBe('PUBLISH');
    expect(calendar.event.uid).toBe('event-ev1@normen.no');
    expect(calendar.event.sequence).toBe(2);
    expect(calendar.event.location).toBe('Clarion Hotel Oslo');
    expect(calendar.event.startDate.toJSDate().toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expectCancelLink(mail);
  });

  it('tells the waitlist about a change without putting the event in their calendar', async () => {
    const mail = await send(eventChangedEmail(context({ status: 'waitlisted' }, { sequence: 2 })));
    expect(mail.subject).toBe('Endret: Normkonferansen 2026');
    expect(mail.attachments).toHaveLength(0);
  });

  it('cancels the event with a CANCEL entry', async () => {
    const mail = await send(eventCancelledEmail(context({}, { status: 'cancelled', sequence: 2 })));
    expect(mail.subject).toBe('Avlyst: Normkonferansen 2026');
    expect(mail.text).toContain('tirsdag 24. november 2026 kl. 09.00–16.00');
    const calendar = calendarOf(mail);
    expect(calendar.method).toBe('CANCEL');
    expect(calendar.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(calendar.event.sequence).toBe(2);
    expectSignature(mail);
  });
});

describe('message from the secretariat', () => {
  it('sends the editor’s text as written, escaped in HTML with its line breaks, and no calendar entry', async () => {
    const body = 'Hei alle sammen,\nhusk <legitimasjon> & navneskilt.\n\nVelkommen i morgen!';
    const mail = await send(participantMessageEmail(context(), { subject: 'Praktisk informasjon før konferansen', body }));
    expect(mail.subject).toBe('Praktisk informasjon før konferansen');
    expect(mail.text).toContain(body);
    expect(mail.html).toContain('<p>Hei alle sammen,<br>husk &lt;legitimasjon&gt; &amp; navneskilt.</p><p>Velkommen i morgen!</p>');
    expect(mail.html).not.toContain('<legitimasjon>');
    expect(mail.text).toContain('«Normkonferansen 2026»');
    expect(contentType(mail)).toBe('multipart/alternative');
    expect(mail.attachments).toHaveLength(0);
    expectCancelLink(mail);
    expectSignature(mail);
  });
});

describe('escaping', () => {
  it('escapes the event title and venue in the HTML', async () => {
    const mail = await send(registeredEmail(context({}, { title: 'R&D <Normen>', venue: 'Sal "A" & B' })));
    expect(mail.subject).toBe('Du er påmeldt: R&D <Normen>');
    expect(mail.html).toContain('R&amp;D &lt;Normen&gt;');
    expect(mail.html).toContain('Sal &quot;A&quot; &amp; B');
    expect(mail.attachments[0]?.filename).toBe('r-d-normen.ics');
  });
});
