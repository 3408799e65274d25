import { formatOsloCsvDateTime, osloTimeCsvHeader } from '../../content-model';

export type CsvColumn<T> = [header: string, value: (row: T, index: number) => string | number];

const NEGATIVE_NUMBER = /^-\d+(?:[.,]\d+)?$/;

function cell(value: string | number): string {
  const text = String(value);
  // Cells starting with = + - @ (or a tab or CR before one) would run as formulas in Excel; a
  // negative number is only a number and stays one.
  const safe = /^[=+\-@\t\r]/.test(text) && !NEGATIVE_NUMBER.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A column of instants, the one way every export writes times: Oslo wall-clock time ("2026-12-03
 * 10:00", summer or winter) under a header that says so ("Mottatt (Oslo-tid)"); empty when unset.
 */
export function osloTimeColumn<T>(label: string, instantOf: (row: T) => string | null | undefined): CsvColumn<T> {
  return [
    osloTimeCsvHeader(label),
    (row) => {
      const instant = instantOf(row);
      return instant ? formatOsloCsvDateTime(instant) : '';
    },
  ];
}

/** Semicolon-separated with a BOM: what Norwegian Excel opens correctly by double-click. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map(([header]) => cell(header)).join(';'), ...rows.map((row, index) => columns.map(([, value]) => cell(value(row, index))).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
