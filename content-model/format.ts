import { OSLO_TIME_ZONE, osloDate, osloWallClockInstant, osloWallTime, sameOsloDay, addDays, daysBetween } from './dates';

/**
 * Text for people, formatted in one place: dates and times as the clocks in Oslo show them, in
 * Norwegian bokmål, in three registers: written out (emails, public pages, messages), short (CMS
 * tables and facts) and sortable (CSV files opened in Excel). Also slugs and HTML → plain text.
 * Every function takes an instant as a Date or an ISO string; those that show a day also take a
 * calendar date (YYYY-MM-DD).
 */

type Instant = Date | string;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const two = (value: number) => String(value).padStart(2, '0');

/** A calendar date (YYYY-MM-DD) is an Oslo date already: noon UTC is that same day in Oslo all year. */
function toDate(instant: Instant): Date {
  if (typeof instant !== 'string') return instant;
  return new Date(CALENDAR_DATE.test(instant) ? `${instant}T12:00:00Z` : instant);
}

// ---------------------------------------------------------------------------------------------
// Written out: "tirsdag 24. november 2026 kl. 09.00–16.00". Names are spelled here, not by ICU, so
// an email never varies with the runtime's locale data.

const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'] as const;
const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'] as const;

/** "tirsdag 24. november 2026", or without the year ("tirsdag 24. november"). */
export function formatOsloDay(instant: Instant, { year: withYear = true }: { year?: boolean } = {}): string {
  const t = osloWallTime(toDate(instant));
  const weekday = WEEKDAYS[new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay()] ?? '';
  const month = MONTHS[t.month - 1] ?? '';
  return `${weekday} ${t.day}. ${month}${withYear ? ` ${t.year}` : ''}`;
}

/** "25. desember 2026": a date in running text and messages, without the weekday. */
export function formatOsloDate(instant: Instant): string {
  const t = osloWallTime(toDate(instant));
  return `${t.day}. ${MONTHS[t.month - 1] ?? ''} ${t.year}`;
}

/** "09.00": Norwegian puts a full stop between hours and minutes. */
export function formatOsloTime(instant: Instant): string {
  const t = osloWallTime(toDate(instant));
  return `${two(t.hour)}.${two(t.minute)}`;
}

/** "09.00–16.00", the clock times of a span (the day is the caller's business). */
export function formatOsloTimeSpan(startsAt: Instant, endsAt: Instant): string {
  return `${formatOsloTime(startsAt)}–${formatOsloTime(endsAt)}`;
}

/** "torsdag 3. desember 2026 kl. 10.00". */
export function formatOsloDateTime(instant: Instant): string {
  return `${formatOsloDay(instant)} kl. ${formatOsloTime(instant)}`;
}

/**
 * An event's or session's span: one day with two times ("tirsdag 24. november 2026 kl. 09.00–16.00"),
 * or both days in full when it runs over several ("… kl. 09.00 – onsdag 25. november 2026 kl. 15.00").
 */
export function formatOsloPeriod(startsAt: Instant, endsAt: Instant): string {
  if (sameOsloDay(toDate(startsAt), toDate(endsAt))) return `${formatOsloDay(startsAt)} kl. ${formatOsloTimeSpan(startsAt, endsAt)}`;
  return `${formatOsloDateTime(startsAt)} – ${formatOsloDateTime(endsAt)}`;
}

/** "i dag", "i morgen" or the day without the year, seen from `now` (when the text is written). */
export function formatOsloRelativeDay(instant: Instant, now: Date): string {
  const today = osloDate(now);
  const day = osloDate(toDate(instant));
  if (day === today) return 'i dag';
  if (day === addDays(today, 1)) return 'i morgen';
  return formatOsloDay(instant, { year: false });
}

/**
 * A span of whole days as a person says it: "1 dag", "12 dager", "3 uker", "4 måneder", "2 år",
 * rounded down to the unit (weeks from two weeks, months from nine weeks, years from one year).
 */
export function formatDayCount(days: number): string {
  const count = (value: number, one: string, many: string) => `${value} ${value === 1 ? one : many}`;
  if (days < 14) return count(days, 'dag', 'dager');
  if (days < 63) return count(Math.floor(days / 7), 'uke', 'uker');
  if (days < 365) return count(Math.floor(days / 30.44), 'måned', 'måneder');
  // 365, not 365.25: a year to the day (365 days) must read "1 år", not "0 år".
  return count(Math.floor(days / 365), 'år', 'år');
}

/**
 * How long ago a deadline (YYYY-MM-DD) passed, seen from `today`: "forfalt i går", "forfalt for 12
 * dager siden", "forfalt for 3 uker siden"; null when it has not passed (it falls due on the day itself).
 */
export function formatOverdue(deadline: string, today: string): string | null {
  const days = daysBetween(deadline, today);
  if (days <= 0) return null;
  return days === 1 ? 'forfalt i går' : `forfalt for ${formatDayCount(days)} siden`;
}

// ---------------------------------------------------------------------------------------------
// Short, for the CMS: "10. des. 2026", "10. des. 2026, 09:00".

const shortDateFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const shortDateTimeFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
const shortTimeFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO_TIME_ZONE, timeStyle: 'short' });

/**
 * "10. des. 2026". A calendar date (YYYY-MM-DD) is an Oslo date already and is shown as it is; an
 * instant is shown as the date in Oslo at that instant.
 */
export function formatOsloShortDate(dateOrInstant: Instant): string {
  return shortDateFormat.format(toDate(dateOrInstant));
}

/**
 * "10.12.2026": the compact numeric form for table columns where every character counts (the
 * document overview, the priority report). Written out here rather than by ICU, so it never
 * varies with the browser's locale data.
 */
export function formatOsloCompactDate(dateOrInstant: Instant): string {
  const t = osloWallTime(toDate(dateOrInstant));
  return `${two(t.day)}.${two(t.month)}.${t.year}`;
}

/** "10. des. 2026, 09:00". */
export function formatOsloShortDateTime(instant: Instant): string {
  return shortDateTimeFormat.format(toDate(instant));
}

/**
 * "3. desember 2026 kl. 10:15:42": when it matters who came first (a registration's time), to the
 * second, in the CMS's clock notation.
 */
export function formatOsloDateTimeToSecond(instant: Instant): string {
  const t = osloWallTime(toDate(instant));
  return `${formatOsloDate(instant)} kl. ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
}

/** "10. des. 2026, 09:00–16:00" within one Oslo day; both dates and times when it runs over several. */
export function formatOsloShortPeriod(startsAt: Instant, endsAt: Instant): string {
  if (sameOsloDay(toDate(startsAt), toDate(endsAt))) return `${formatOsloShortDateTime(startsAt)}–${shortTimeFormat.format(toDate(endsAt))}`;
  return `${formatOsloShortDateTime(startsAt)} – ${formatOsloShortDateTime(endsAt)}`;
}

/**
 * A deadline in a sentence, in the tense of `today` (both Oslo calendar dates, YYYY-MM-DD): "Fristen
 * var 2. des. 2026" once the day has passed, "Fristen er i dag (…)" on it, "Fristen er …" before it.
 */
export function formatShortDeadline(due: string, today: string): string {
  const day = formatOsloShortDate(due);
  if (due < today) return `Fristen var ${day}`;
  return due === today ? `Fristen er i dag (${day})` : `Fristen er ${day}`;
}

const numberFormat = new Intl.NumberFormat('nb-NO');

/** "12 345" (with a non-breaking space), as Norwegian writes numbers. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

// ---------------------------------------------------------------------------------------------
// Sortable, for CSV files: Excel reads "2026-12-10" and "2026-12-10 09:30" as dates and sorts them.

/** "2026-12-10": the date in Oslo (not UTC: 23:30Z is already the next day in Oslo). */
export function formatOsloCsvDate(instant: Instant): string {
  return osloDate(toDate(instant));
}

function osloWallClockText(instant: Instant, separator: ' ' | 'T'): string {
  const t = osloWallTime(toDate(instant));
  return `${t.year}-${two(t.month)}-${two(t.day)}${separator}${two(t.hour)}:${two(t.minute)}`;
}

/** "2026-12-10 09:30" in Oslo time. */
export function formatOsloCsvDateTime(instant: Instant): string {
  return osloWallClockText(instant, ' ');
}

/**
 * The header of a CSV column of times, "Mottatt (Oslo-tid)": a spreadsheet keeps no time zone, so
 * the column says which clock it shows (columns of dates stay plain: a date is the Oslo day).
 */
export function osloTimeCsvHeader(label: string): string {
  return `${label} (Oslo-tid)`;
}

// ---------------------------------------------------------------------------------------------
// <input type="datetime-local">, whose value is wall-clock time without a zone: read and shown as Oslo time.

/** An instant as the value of a datetime-local input showing Oslo time ("2026-05-04T09:30"). */
export function toOsloDateTimeLocal(instant: Date): string {
  return osloWallClockText(instant, 'T');
}

/**
 * A datetime-local value read as Oslo time (whatever the browser's own zone), as an ISO instant; null
 * when it is not a complete date and time. Times the clocks skip or repeat: see `osloWallClockInstant`.
 */
export function fromOsloDateTimeLocal(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const instant = osloWallClockInstant(match[1] ?? '', Number(match[2]), Number(match[3]));
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

// ---------------------------------------------------------------------------------------------
// Slugs.

/** Norwegian letters spelled the way Norwegian addresses spell them; other accents are dropped. */
const transliterations: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a' };

/**
 * Lower-case ASCII words joined by single dashes, at most `maxLength` characters and never ending
 * in a dash: "  Ærlig talt – Økonomi!  " → "aerlig-talt-okonomi". This is the rule product addresses
 * were made with (they are stored, not recomputed); it is also used for file names.
 */
export function slugify(text: string, { maxLength = 100 }: { maxLength?: number } = {}): string {
  return text
    .toLocaleLowerCase('nb')
    .replace(/[æøå]/g, (char) => transliterations[char] ?? char)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

// ---------------------------------------------------------------------------------------------
// HTML → plain text, for the text part of emails and for calendars.

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, name: string): string {
  const lower = name.toLowerCase();
  const named = namedEntities[lower];
  if (named !== undefined) return named;
  const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : lower.startsWith('#') ? Number.parseInt(lower.slice(1), 10) : Number.NaN;
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

const stripTags = (html: string) => html.replace(/<[^>]+>/g, '');

/** A link as "label (address)", or just the address when that is the label. */
function linkText(href: string, label: string): string {
  const text = stripTags(label).trim();
  return text === '' || text === href ? href : `${label} (${href})`;
}

/**
 * The rich text the editors write, as plain text: one line per paragraph, heading or list item
 * ("- " before items), links as "label (address)", entities decoded, spaces collapsed.
 */
export function htmlToText(html: string): string {
  return (
    html
      .replace(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_match, href: string, label: string) => linkText(href, label))
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<\/(p|h[1-6]|li|blockquote|tr|div)>|<br\s*\/?>/gi, '\n')
      .replace(/<[^>]+>/g, '')
      // Entities last, so that "&lt;b&gt;" written as text stays text.
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, decodeEntity)
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
