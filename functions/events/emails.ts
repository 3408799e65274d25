import {
  attendanceModes,
  formatOsloDateTime,
  formatOsloDay,
  formatOsloPeriod,
  formatOsloRelativeDay,
  formatOsloTime,
  formatOsloTimeSpan,
  sameOsloDay,
  slugify,
  type EventSession,
  type NormenEvent,
  type Registration,
} from '../../content-model';
import { action, paragraph, signature, type Block, type Email, type EmailAttachment } from '../shared/email/blocks';
import { calendarContentType, eventCalendar, type CalendarMethod } from './ics';

/**
 * The emails a participant gets about an event, in Norwegian bokmål: which blocks each has (the
 * email kit in functions/shared/email renders and composes them). Sending is the caller's business.
 */

/** ORGANIZER of the calendar entries: where a reply from a calendar client should land. */
export const NORMEN_EVENTS_ORGANIZER = 'sekretariatet@normen.no';

export type EventEmail = Email;

export interface RegistrationEmailContext {
  event: NormenEvent;
  registration: Registration;
  /** The participant's own signed link to the cancel page. */
  cancelUrl: string;
  /** The participant's own signed link to the «Bekreft plassen» page (used while a seat is held). */
  confirmUrl: string;
  /** The event's registration form, for someone whose hold ran out. */
  registrationUrl: string;
  now: Date;
}

// ---------------------------------------------------------------------------------------------

/** The blocks, then the signature, then anything that belongs below it (why you get this email). */
function render(subject: string, blocks: Block[], attachments: EmailAttachment[] = [], footer: Block[] = []): EventEmail {
  return { subject, blocks: [...blocks, signature], ...(footer.length ? { footer } : {}), attachments };
}

// ---------------------------------------------------------------------------------------------
// What the emails have in common.

const greeting = (registration: Registration) => paragraph(registration.name ? `Hei ${registration.name},` : 'Hei,');

/** Where this participant goes: the venue for in-person, "digitalt" for those who stream. */
function placeFor(ctx: RegistrationEmailContext): string {
  return ctx.registration.mode === 'in-person' ? (ctx.event.venue ?? 'oppgis senere') : 'digitalt';
}

function facts(ctx: RegistrationEmailContext): Block {
  return {
    kind: 'facts',
    rows: [
      ['Tid', formatOsloPeriod(ctx.event.startsAt, ctx.event.endsAt)],
      ['Sted', placeFor(ctx)],
      ['Deltakelse', attendanceModes.labels[ctx.registration.mode]],
    ],
  };
}

function sessionLine(session: EventSession, multiDay: boolean): string {
  const time = formatOsloTimeSpan(session.startsAt, session.endsAt);
  const when = multiDay ? `${formatOsloDay(session.startsAt, { year: false })} ${time}` : time;
  return `${when}: ${session.title}${session.speaker ? ` (${session.speaker})` : ''}`;
}

/** The sessions the participant chose, in program order; nothing when the event has none. */
function chosenSessions(ctx: RegistrationEmailContext): Block[] {
  const chosen = ctx.event.sessions.filter((session) => ctx.registration.sessions.includes(session.id));
  if (chosen.length === 0) return [];
  const multiDay = !sameOsloDay(new Date(ctx.event.startsAt), new Date(ctx.event.endsAt));
  return [{ kind: 'list', title: 'Øktene du har valgt:', items: chosen.map((session) => sessionLine(session, multiDay)) }];
}

const cancelLink = (ctx: RegistrationEmailContext, lead: string): Block => action(lead, 'Meld deg av', ctx.cancelUrl);

/** A file name from the title: "Normkonferansen 2026" → "normkonferansen-2026.ics". */
export function calendarFilename(title: string): string {
  const slug = slugify(title, { maxLength: 60 });
  return `${slug || 'arrangement'}.ics`;
}

function calendarAttachment(ctx: RegistrationEmailContext, method: CalendarMethod): EmailAttachment {
  return {
    filename: calendarFilename(ctx.event.title),
    contentType: calendarContentType(method),
    content: eventCalendar(ctx.event, {
      method,
      organizerEmail: NORMEN_EVENTS_ORGANIZER,
      now: ctx.now,
      ...(ctx.registration.email ? { attendeeEmail: ctx.registration.email } : {}),
    }),
  };
}

const CALENDAR_NOTE = 'Kalenderoppføringen ligger vedlagt, så du kan legge arrangementet inn i kalenderen din.';

/** Online participants are told the link comes later; the link itself only goes out in the reminder. */
const streamingLater = (ctx: RegistrationEmailContext): Block[] =>
  ctx.registration.mode === 'online' ? [paragraph('Lenken til strømmingen får du på e-post før arrangementet starter.')] : [];

// ---------------------------------------------------------------------------------------------
// The emails.

function confirmedEmail(ctx: RegistrationEmailContext, subject: string, lead: string): EventEmail {
  return render(
    subject,
    [
      greeting(ctx.registration),
      paragraph(lead),
      facts(ctx),
      ...chosenSessions(ctx),
      ...streamingLater(ctx),
      paragraph(CALENDAR_NOTE),
      cancelLink(ctx, 'Kan du likevel ikke delta? Da kan noen på ventelisten få plassen din.'),
    ],
    [calendarAttachment(ctx, 'PUBLISH')],
  );
}

function waitlistedEmail(ctx: RegistrationEmailContext): EventEmail {
  return render(`Du står på venteliste: ${ctx.event.title}`, [
    greeting(ctx.registration),
    paragraph(`Det er dessverre fullt på «${ctx.event.title}», så du står på venteliste.`),
    paragraph(
      'Blir det ledig plass, får du den automatisk i den rekkefølgen dere meldte dere på, og vi sender deg en e-post. Du er ikke påmeldt før du har fått den e-posten.',
    ),
    facts(ctx),
    ...chosenSessions(ctx),
    cancelLink(ctx, 'Vil du ikke lenger stå på ventelisten?'),
  ]);
}

/** Until when the seat is held, and the button that confirms it; no calendar entry before it is confirmed. */
function heldSeatEmail(ctx: RegistrationEmailContext, subject: string, lead: string): EventEmail {
  const until = formatOsloDateTime(ctx.registration.heldUntil ?? ctx.now.toISOString());
  return render(subject, [
    greeting(ctx.registration),
    paragraph(lead),
    paragraph(`Plassen er holdt for deg til ${until}. Bekreft den innen da; ellers går den videre til den første på ventelisten.`),
    action('Bekreft ved å åpne lenken og trykke på knappen:', 'Bekreft plassen', ctx.confirmUrl),
    facts(ctx),
    ...chosenSessions(ctx),
    paragraph('Når du har bekreftet, får du en e-post med kalenderoppføringen.'),
    cancelLink(ctx, 'Kan du likevel ikke delta? Da kan noen på ventelisten få plassen.'),
  ]);
}

/** The answer to a registration: a held seat to confirm, a seat (with the calendar entry), or the waitlist. */
export function registeredEmail(ctx: RegistrationEmailContext): EventEmail {
  switch (ctx.registration.status) {
    case 'held':
      return heldSeatEmail(
        ctx,
        `Bekreft plassen din: ${ctx.event.title}`,
        `Takk for påmeldingen til «${ctx.event.title}»! Du er ikke påmeldt før du har bekreftet plassen.`,
      );
    case 'confirmed':
      return confirmedEmail(ctx, `Du er påmeldt: ${ctx.event.title}`, `Takk for påmeldingen! Du er påmeldt «${ctx.event.title}».`);
    case 'waitlisted':
      return waitlistedEmail(ctx);
    case 'cancelled':
    case 'expired':
      // Not expected right after registering; the receipt is the only truthful answer.
      return cancelledRegistrationEmail(ctx);
  }
}

/** The participant pressed «Bekreft plassen»: the seat is theirs, with the calendar entry. */
export function seatConfirmedEmail(ctx: RegistrationEmailContext): EventEmail {
  return confirmedEmail(ctx, `Du er påmeldt: ${ctx.event.title}`, `Takk! Plassen din er bekreftet, og du er påmeldt «${ctx.event.title}».`);
}

/** A seat came free and is held for this participant from the waitlist, until they confirm it. */
export function seatOfferedEmail(ctx: RegistrationEmailContext): EventEmail {
  return heldSeatEmail(
    ctx,
    `Du har fått plass – bekreft den: ${ctx.event.title}`,
    `Det har blitt ledig plass på «${ctx.event.title}», og den er din hvis du bekrefter den.`,
  );
}

/** An editor gave a seat by hand: confirmed at once, with the calendar entry. */
export function promotedEmail(ctx: RegistrationEmailContext): EventEmail {
  return confirmedEmail(ctx, `Du har fått plass: ${ctx.event.title}`, `Det har blitt ledig plass, og du er nå påmeldt «${ctx.event.title}».`);
}

/** The hold ran out unconfirmed; the seat went on to the next in line. */
export function holdExpiredEmail(ctx: RegistrationEmailContext): EventEmail {
  const until = formatOsloDateTime(ctx.registration.heldUntil ?? ctx.now.toISOString());
  return render(`Plassen er gått videre: ${ctx.event.title}`, [
    greeting(ctx.registration),
    paragraph(`Plassen vi holdt for deg på «${ctx.event.title}» ble ikke bekreftet innen ${until}, så den er gitt videre. Du er ikke påmeldt.`),
    action(
      'Vil du fortsatt delta, kan du melde deg på igjen så lenge påmeldingen er åpen (er det fullt, kommer du på ventelisten):',
      'Meld deg på',
      ctx.registrationUrl,
    ),
  ]);
}

const alreadySubjects: Record<Registration['status'], string> = {
  confirmed: 'Du er allerede påmeldt',
  held: 'Du har allerede en plass som venter på bekreftelse',
  waitlisted: 'Du står allerede på venteliste',
  cancelled: 'Du er registrert som avmeldt',
  expired: 'Plassen din ble ikke bekreftet',
};

const alreadyStatus: Record<Registration['status'], string> = {
  confirmed: 'er allerede påmeldt',
  held: 'har allerede en holdt plass på',
  waitlisted: 'står allerede på ventelisten til',
  cancelled: 'er registrert som avmeldt fra',
  expired: 'bekreftet ikke plassen i tide på',
};

/**
 * Someone registered again with an address that is already registered. The form answers the same
 * whatever the address, so only the owner of the address learns this.
 */
export function alreadyRegisteredEmail(ctx: RegistrationEmailContext): EventEmail {
  const { registration, event } = ctx;
  const active = registration.status !== 'cancelled' && registration.status !== 'expired';
  const held: Block[] =
    registration.status === 'held'
      ? [
          paragraph(`Plassen er holdt for deg til ${formatOsloDateTime(registration.heldUntil ?? ctx.now.toISOString())}.`),
          action('Bekreft ved å åpne lenken og trykke på knappen:', 'Bekreft plassen', ctx.confirmUrl),
        ]
      : [];
  return render(`${alreadySubjects[registration.status]}: ${event.title}`, [
    greeting(registration),
    paragraph(
      `Noen (forhåpentligvis du) prøvde å melde på denne adressen til «${event.title}», men adressen ${alreadyStatus[registration.status]} arrangementet. Vi har ikke gjort noen endringer.`,
    ),
    ...held,
    facts(ctx),
    ...chosenSessions(ctx),
    ...(active ? [cancelLink(ctx, 'Vil du ikke lenger delta?')] : []),
  ]);
}

/** Receipt for a cancellation; the CANCEL entry makes calendars remove the event. */
export function cancelledRegistrationEmail(ctx: RegistrationEmailContext): EventEmail {
  return render(
    `Du er avmeldt: ${ctx.event.title}`,
    [
      greeting(ctx.registration),
      paragraph(`Du er nå avmeldt «${ctx.event.title}» (${formatOsloPeriod(ctx.event.startsAt, ctx.event.endsAt)}).`),
      paragraph('Vedlegget fjerner arrangementet fra kalenderen din. Vil du likevel delta, kan du melde deg på igjen så lenge påmeldingen er åpen.'),
    ],
    [calendarAttachment(ctx, 'CANCEL')],
  );
}

/** Sent before the start; the streaming link goes only to online participants, never to those who come in person. */
export function reminderEmail(ctx: RegistrationEmailContext): EventEmail {
  const { event, registration } = ctx;
  const start = new Date(event.startsAt);
  const streaming: Block[] =
    registration.mode !== 'online'
      ? []
      : event.streamingUrl
        ? [action('Lenken til strømmingen er personlig for påmeldte; ikke del den videre.', 'Se sendingen', event.streamingUrl)]
        : [paragraph('Lenken til strømmingen kommer i en egen e-post.')];
  return render(
    `Påminnelse: ${event.title} ${formatOsloRelativeDay(start, ctx.now)}`,
    [
      greeting(registration),
      paragraph(`Velkommen til «${event.title}», som starter ${formatOsloRelativeDay(start, ctx.now)} kl. ${formatOsloTime(start)}.`),
      facts(ctx),
      ...chosenSessions(ctx),
      ...streaming,
      paragraph(CALENDAR_NOTE),
      cancelLink(ctx, 'Kan du likevel ikke delta? Da kan noen andre få plassen.'),
    ],
    [calendarAttachment(ctx, 'PUBLISH')],
  );
}

/**
 * Time or place changed; the caller has raised event.sequence, so the attached entry (same UID)
 * replaces the old one. Someone on the waitlist never got an entry and gets none now.
 */
export function eventChangedEmail(ctx: RegistrationEmailContext): EventEmail {
  const confirmed = ctx.registration.status === 'confirmed';
  return render(
    `Endret: ${ctx.event.title}`,
    [
      greeting(ctx.registration),
      paragraph(`Tid eller sted for «${ctx.event.title}» er endret. Dette gjelder nå:`),
      facts(ctx),
      ...chosenSessions(ctx),
      ...(confirmed
        ? [paragraph('Den vedlagte kalenderoppføringen erstatter den du har fra før.')]
        : ctx.registration.status === 'held'
          ? [
              paragraph(`Plassen er fortsatt holdt for deg til ${formatOsloDateTime(ctx.registration.heldUntil ?? ctx.now.toISOString())}.`),
              action('Passer det fortsatt?', 'Bekreft plassen', ctx.confirmUrl),
            ]
          : [paragraph('Du står fortsatt på ventelisten.')]),
      cancelLink(ctx, 'Passer det ikke lenger?'),
    ],
    confirmed ? [calendarAttachment(ctx, 'PUBLISH')] : [],
  );
}

/** The event is cancelled for everyone; the CANCEL entry removes it from calendars. */
export function eventCancelledEmail(ctx: RegistrationEmailContext): EventEmail {
  return render(
    `Avlyst: ${ctx.event.title}`,
    [
      greeting(ctx.registration),
      paragraph(
        `Vi må dessverre avlyse «${ctx.event.title}», som skulle vært ${formatOsloPeriod(ctx.event.startsAt, ctx.event.endsAt)}. Du trenger ikke gjøre noe; påmeldingen din gjelder ikke lenger.`,
      ),
      paragraph('Vedlegget fjerner arrangementet fra kalenderen din. Vi beklager ulempene dette medfører.'),
    ],
    [calendarAttachment(ctx, 'CANCEL')],
  );
}

const participation: Record<Registration['status'], string> = {
  confirmed: 'er påmeldt',
  held: 'har en holdt plass på',
  waitlisted: 'står på ventelisten til',
  cancelled: 'har vært påmeldt',
  expired: 'har vært påmeldt',
};

/** An editor's message to the participants: their plain text as written, with the event and the cancel link below. */
export function participantMessageEmail(ctx: RegistrationEmailContext, message: { subject: string; body: string }): EventEmail {
  const active = ctx.registration.status !== 'cancelled' && ctx.registration.status !== 'expired';
  return render(
    message.subject,
    [paragraph(message.body.replace(/\r\n?/g, '\n').trim())],
    [],
    [
      paragraph(
        `Du får denne e-posten fordi du ${participation[ctx.registration.status]} «${ctx.event.title}» (${formatOsloPeriod(ctx.event.startsAt, ctx.event.endsAt)}).`,
      ),
      ...(active ? [cancelLink(ctx, 'Vil du ikke lenger delta?')] : []),
    ],
  );
}
