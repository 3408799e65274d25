import { describe, expect, it } from 'vitest';
import {
  formatDayCount,
  formatNumber,
  formatOsloCsvDate,
  formatOsloCompactDate,
  formatOsloCsvDateTime,
  formatOsloDateTime,
  formatOsloDateTimeToSecond,
  formatOsloDate,
  formatOsloDay,
  formatOsloPeriod,
  formatOsloRelativeDay,
  formatOsloShortDate,
  formatOsloShortDateTime,
  formatOsloShortPeriod,
  formatOsloTime,
  formatOverdue,
  formatShortDeadline,
  fromOsloDateTimeLocal,
  htmlToText,
  osloWallClockInstant,
  slugify,
  toOsloDateTimeLocal,
} from '../../content-model';
import { osloTimeColumn, toCsv } from '../../functions/shared/csv';

describe('Oslo time on the nights the clocks change', () => {
  it('moves a time the clocks skip (02:30 on 29 March 2026) forward by the hour that does not exist', () => {
    // 02:00 CET becomes 03:00 CEST; 02:30 is read with the offset before the gap (UTC+1), as RFC 5545 does.
    const skipped = osloWallClockInstant('2026-03-29', 2, 30);
    expect(skipped.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(formatOsloTime(skipped)).toBe('03.30');
    expect(fromOsloDateTimeLocal('2026-03-29T02:30')).toBe('2026-03-29T01:30:00.000Z');
    // Either side of the gap, the clock reads as usual.
    expect(formatOsloCsvDateTime('2026-03-29T00:59:00Z')).toBe('2026-03-29 01:59');
    expect(formatOsloCsvDateTime('2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00');
  });

  it('shows both instants of the repeated 02:30 (25 October 2026) as 02:30, and reads 02:30 as the first', () => {
    const summer = new Date('2026-10-25T00:30:00Z');
    const winter = new Date('2026-10-25T01:30:00Z');
    for (const instant of [summer, winter]) {
      expect(formatOsloTime(instant)).toBe('02.30');
      expect(formatOsloCsvDateTime(instant)).toBe('2026-10-25 02:30');
      expect(toOsloDateTimeLocal(instant)).toBe('2026-10-25T02:30');
      expect(formatOsloShortDateTime(instant)).toMatch(/02:30$/);
    }
    // The first occurrence (still summer time), as a calendar client reads TZID=Europe/Oslo.
    expect(osloWallClockInstant('2026-10-25', 2, 30).toISOString()).toBe(summer.toISOString());
    expect(fromOsloDateTimeLocal('2026-10-25T02:30')).toBe(summer.toISOString());
  });
});

describe('Oslo dates around midnight UTC', () => {
  it('gives the Oslo date, which is a day ahead of UTC late in the evening', () => {
    expect(formatOsloCsvDate('2026-12-09T22:59:00Z')).toBe('2026-12-09');
    expect(formatOsloCsvDate('2026-12-09T23:30:00Z')).toBe('2026-12-10');
    expect(formatOsloCsvDate('2026-06-09T21:59:00Z')).toBe('2026-06-09');
    expect(formatOsloCsvDate('2026-06-09T22:00:00Z')).toBe('2026-06-10');
    expect(formatOsloCsvDateTime('2026-12-31T23:15:00Z')).toBe('2027-01-01 00:15');
    expect(formatOsloDay('2026-12-31T23:15:00Z')).toBe('fredag 1. januar 2027');
    expect(formatOsloDate('2026-12-31T23:15:00Z')).toBe('1. januar 2027');
    expect(formatOsloShortDate('2026-12-09T23:30:00Z')).toBe('10. des. 2026');
  });

  it('shows a calendar date as that date, whatever the time zone', () => {
    expect(formatOsloShortDate('2026-12-10')).toBe('10. des. 2026');
    expect(formatOsloShortDate('2027-01-01')).toBe('1. jan. 2027');
    expect(formatOsloDay('2026-12-10')).toBe('torsdag 10. desember 2026');
    expect(formatOsloDate('2026-12-25')).toBe('25. desember 2026');
    expect(formatOsloCsvDate('2026-12-10')).toBe('2026-12-10');
  });

  it('writes dates and times out in Norwegian', () => {
    expect(formatOsloDay('2026-11-24T08:00:00Z')).toBe('tirsdag 24. november 2026');
    expect(formatOsloDay('2026-11-24T08:00:00Z', { year: false })).toBe('tirsdag 24. november');
    expect(formatOsloDateTime('2026-12-03T09:00:00Z')).toBe('torsdag 3. desember 2026 kl. 10.00');
    expect(formatOsloShortDateTime('2026-12-03T09:00:00Z')).toBe('3. des. 2026, 10:00');
    expect(formatNumber(12345)).toBe('12\u00a0345');
  });

  it('says today and tomorrow as Oslo sees them', () => {
    const now = new Date('2026-11-23T22:30:00Z'); // 23:30 on Monday in Oslo
    expect(formatOsloRelativeDay('2026-11-23T22:50:00Z', now)).toBe('i dag');
    expect(formatOsloRelativeDay('2026-11-23T23:10:00Z', now)).toBe('i morgen');
    expect(formatOsloRelativeDay('2026-11-25T08:00:00Z', now)).toBe('onsdag 25. november');
  });
});

describe('periods', () => {
  it('gives one day and two times for a span within one Oslo day', () => {
    expect(formatOsloPeriod('2026-11-24T08:00:00Z', '2026-11-24T15:00:00Z')).toBe('tirsdag 24. november 2026 kl. 09.00–16.00');
    expect(formatOsloShortPeriod('2026-11-24T08:00:00Z', '2026-11-24T15:00:00Z')).toBe('24. nov. 2026, 09:00–16:00');
    // 00:30–01:00 in Oslo is the same day, although in UTC it spans two.
    expect(formatOsloPeriod('2026-11-23T23:30:00Z', '2026-11-24T00:00:00Z')).toBe('tirsdag 24. november 2026 kl. 00.30–01.00');
  });

  it('gives both days in full for a span over several days', () => {
    expect(formatOsloPeriod('2026-11-24T08:00:00Z', '2026-11-25T14:00:00Z')).toBe('tirsdag 24. november 2026 kl. 09.00 – onsdag 25. november 2026 kl. 15.00');
    expect(formatOsloShortPeriod('2026-11-24T08:00:00Z', '2026-11-25T14:00:00Z')).toBe('24. nov. 2026, 09:00 – 25. nov. 2026, 15:00');
    // 22:00–00:30 in Oslo runs into the next day, although in UTC it is one day.
    expect(formatOsloPeriod('2026-11-24T21:00:00Z', '2026-11-24T23:30:00Z')).toBe('tirsdag 24. november 2026 kl. 22.00 – onsdag 25. november 2026 kl. 00.30');
  });
});

describe('a deadline in a sentence', () => {
  it('says "var" only once the day has passed, and "er" on the day and before it', () => {
    expect(formatShortDeadline('2026-12-04', '2026-12-05')).toBe('Fristen var 4. des. 2026');
    expect(formatShortDeadline('2026-12-05', '2026-12-05')).toBe('Fristen er i dag (5. des. 2026)');
    expect(formatShortDeadline('2027-01-10', '2026-12-05')).toBe('Fristen er 10. jan. 2027');
  });
});

describe('slugify', () => {
  it('spells Norwegian letters as addresses do and drops other accents', () => {
    expect(slugify('Blåbær og rømme på Æsøya')).toBe('blabaer-og-romme-pa-aesoya');
    expect(slugify('Crème brûlée für Ärzte, señor')).toBe('creme-brulee-fur-arzte-senor');
  });

  it('turns punctuation and runs of it into single dashes, never at either end', () => {
    expect(slugify('  Ærlig talt – Økonomi!  ')).toBe('aerlig-talt-okonomi');
    expect(slugify('ISO/IEC 27001:2022 -- krav (del 2)')).toBe('iso-iec-27001-2022-krav-del-2');
    expect(slugify('«»?!')).toBe('');
  });

  it('cuts to the length asked for, without a dash at the end', () => {
    const long = 'Veileder for informasjonssikkerhet '.repeat(5);
    expect(slugify(long)).toHaveLength(100);
    expect(slugify(long).endsWith('-')).toBe(false);
    expect(slugify('Normkonferansen 2026 dag en', { maxLength: 21 })).toBe('normkonferansen-2026');
  });
});

describe('htmlToText', () => {
  it('writes one line per paragraph, heading and list item', () => {
    expect(htmlToText('<h2>Program</h2><p>Første del</p><ul><li>Åpning</li><li class="x">Sky</li></ul><p>Slutt<br>Ny linje</p>')).toBe(
      'Program\nFørste del\n- Åpning\n- Sky\nSlutt\nNy linje',
    );
  });

  it('keeps where links go', () => {
    expect(htmlToText('<p>Les <a href="https://normen.no/veileder" target="_blank"><strong>veilederen</strong></a>.</p>')).toBe(
      'Les veilederen (https://normen.no/veileder).',
    );
    expect(htmlToText('<a href="https://normen.no">https://normen.no</a>')).toBe('https://normen.no');
  });

  it('decodes entities after removing tags, so text that looks like a tag stays', () => {
    expect(htmlToText('<p>Rock &amp; rull &lt;b&gt; &quot;sitat&quot; &#39;x&#39; &#x1F642; &aring;&nbsp;ja</p>')).toBe(
      'Rock & rull <b> "sitat" \'x\' 🙂 &aring; ja',
    );
    expect(htmlToText('<p>  mange   mellomrom  </p><p></p><p></p><p>slutt</p>')).toBe('mange mellomrom\n\nslutt');
  });
});

describe('CSV formula guard', () => {
  const column = (value: string | number) =>
    toCsv([value], [['Verdi', (row) => row]])
      .replace(/^\uFEFFVerdi\r\n/, '')
      .trimEnd();

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(column('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(column('+47 22 33 44 55')).toBe("'+47 22 33 44 55");
    expect(column('-2+3')).toBe("'-2+3");
    expect(column('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(column('\t=1+1')).toBe("'\t=1+1");
    expect(column('\r=1+1')).toBe('"\'\r=1+1"');
  });

  it('leaves negative numbers as numbers', () => {
    expect(column(-12)).toBe('-12');
    expect(column(-3.5)).toBe('-3.5');
    expect(column('-3,5')).toBe('-3,5');
    expect(column('-12')).toBe('-12');
  });
});

describe('how long overdue', () => {
  it('says nothing before or on the deadline, "i går" the day after, then days, weeks, months and years', () => {
    expect(formatOverdue('2026-12-10', '2026-12-03')).toBeNull();
    expect(formatOverdue('2026-12-03', '2026-12-03')).toBeNull();
    expect(formatOverdue('2026-12-02', '2026-12-03')).toBe('forfalt i går');
    expect(formatOverdue('2026-12-01', '2026-12-03')).toBe('forfalt for 2 dager siden');
    expect(formatOverdue('2026-11-20', '2026-12-03')).toBe('forfalt for 13 dager siden');
    expect(formatOverdue('2026-11-19', '2026-12-03')).toBe('forfalt for 2 uker siden');
    expect(formatOverdue('2026-10-01', '2026-12-03')).toBe('forfalt for 2 måneder siden');
    expect(formatOverdue('2025-12-03', '2026-12-03')).toBe('forfalt for 1 år siden');
  });

  it('counts calendar days across the change to summer time', () => {
    // 29 March 2026: Oslo moves its clocks forward; the day is 23 hours long but still one day.
    expect(formatOverdue('2026-03-28', '2026-03-30')).toBe('forfalt for 2 dager siden');
  });

  it('rounds a span down to the unit a person would use', () => {
    expect([0, 1, 2, 13].map(formatDayCount)).toEqual(['0 dager', '1 dag', '2 dager', '13 dager']);
    expect([14, 20, 21, 62].map(formatDayCount)).toEqual(['2 uker', '2 uker', '3 uker', '8 uker']);
    expect([63, 364].map(formatDayCount)).toEqual(['2 måneder', '11 måneder']);
    expect([365, 729, 730, 1100].map(formatDayCount)).toEqual(['1 år', '1 år', '2 år', '3 år']);
  });
});

describe('compact dates for tables', () => {
  it('writes the Oslo date as dd.mm.yyyy, a calendar date as it is', () => {
    expect(formatOsloCompactDate('2026-12-10')).toBe('10.12.2026');
    expect(formatOsloCompactDate('2027-01-01')).toBe('01.01.2027');
    expect(formatOsloCompactDate('2026-12-09T23:30:00Z')).toBe('10.12.2026');
    expect(formatOsloCompactDate('2026-06-09T21:59:00Z')).toBe('09.06.2026');
  });
});

describe('CSV columns of times', () => {
  const rows = [{ at: '2026-12-03T09:00:00Z' }, { at: '2026-06-03T08:00:00Z' }, { at: null }];
  const csv = toCsv(rows, [osloTimeColumn('Mottatt', (row) => row.at)]);

  it('names Oslo time in the header and writes Oslo wall-clock time, winter and summer', () => {
    expect(csv).toBe('\uFEFFMottatt (Oslo-tid)\r\n2026-12-03 10:00\r\n2026-06-03 10:00\r\n\r\n');
  });
});

describe('a registration time to the second', () => {
  it('is the Oslo wall clock with seconds, in winter and in summer', () => {
    expect(formatOsloDateTimeToSecond('2026-12-03T09:15:42.300Z')).toBe('3. desember 2026 kl. 10:15:42');
    expect(formatOsloDateTimeToSecond('2026-06-30T22:05:09Z')).toBe('1. juli 2026 kl. 00:05:09');
  });
});
