import { htmlToText, OSLO_TIME_ZONE, osloWallTime, type NormenEvent } from '../../content-model';

/**
 * iCalendar (RFC 5545) entries for Normen's events, attached to participants' emails so that the
 * event lands in their calendar and moves or disappears with it (same UID, SEQUENCE raised on change).
 */

export type CalendarMethod = 'PUBLISH' | 'CANCEL';

export interface CalendarOptions {
  method: CalendarMethod;
  organizerEmail: string;
  /** The event's page, if there is one to link to. */
  url?: string;
  /** The recipient; RFC 5546 wants an ATTENDEE on a CANCEL (and none on a PUBLISH). */
  attendeeEmail?: string;
  /** DTSTAMP: when this calendar object was created. */
  now: Date;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** DATE-TIME in local form (no Z), to be paired with TZID=Europe/Oslo. */
function localDateTime(instant: Date): string {
  const t = osloWallTime(instant);
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}

/** DATE-TIME in UTC form, as DTSTAMP requires. */
function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT values (RFC 5545 3.3.11): backslash first, so the escapes added after are not doubled. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_LINE_OCTETS = 75;

/**
 * Folds a content line at 75 octets (RFC 5545 3.1). Counts UTF-8 bytes per code point, so a
 * multi-byte letter (æ, ø, å) or a surrogate pair is never split across lines. A continuation line
 * starts with a space, which counts against its 75 octets.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

const DESCRIPTION_MAX_CHARS = 600;

/** The event's rich text as a few plain paragraphs: calendars show DESCRIPTION as plain text. */
export function plainDescription(htmlText: string): string {
  const text = htmlToText(htmlText);
  if (text.length <= DESCRIPTION_MAX_CHARS) return text;
  // Cut at a word boundary: the full text is on the event page and in the email.
  const cut = text.slice(0, DESCRIPTION_MAX_CHARS);
  const lastSpace = cut.search(/\s\S*$/);
  return `${(lastSpace > DESCRIPTION_MAX_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()} …`;
}

/** Where the event takes place as one line: the venue, or "Digitalt" for an online-only event. */
export function eventLocation(event: Pick<NormenEvent, 'venue' | 'attendance'>): string {
  const inPerson = event.attendance.some((option) => option.mode === 'in-person');
  // An online-only event may still name a studio as venue; that is not where participants go.
  return inPerson && event.venue ? event.venue : 'Digitalt';
}

/**
 * Europe/Oslo as CET/CEST with the EU rules since 1996: summer time from the last Sunday in March
 * at 02:00 to the last Sunday in October at 03:00. Included so that clients without a time-zone
 * database of their own (and strict parsers) still resolve TZID=Europe/Oslo.
 */
const OSLO_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${OSLO_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export const NORMEN_ORGANIZER_NAME = 'Sekretariatet for Normen';

/** A VCALENDAR with one VEVENT for the event, CRLF-terminated and folded. */
export function eventCalendar(event: NormenEvent, options: CalendarOptions): string {
  const cancel = options.method === 'CANCEL';
  const description = plainDescription(event.description);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Normen//Arrangementer//NB',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    ...OSLO_VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:event-${event.id}@normen.no`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcDateTime(options.now)}`,
    `DTSTART;TZID=${OSLO_TIME_ZONE}:${localDateTime(new Date(event.startsAt))}`,
    `DTEND;TZID=${OSLO_TIME_ZONE}:${localDateTime(new Date(event.endsAt))}`,
    `SUMMARY:${escapeText(event.title)}`,
    `LOCATION:${escapeText(eventLocation(event))}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(options.url ? [`URL:${options.url}`] : []),
    `ORGANIZER;CN="${NORMEN_ORGANIZER_NAME}":mailto:${options.organizerEmail}`,
    ...(cancel && options.attendeeEmail ? [`ATTENDEE:mailto:${options.attendeeEmail}`] : []),
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    // Shown as busy while it lasts; a cancelled entry frees the time.
    `TRANSP:${cancel ? 'TRANSPARENT' : 'OPAQUE'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** Content-Type for an .ics attachment; the method must match the calendar's METHOD. */
export function calendarContentType(method: CalendarMethod): string {
  return `text/calendar; charset=UTF-8; method=${method}`;
}
