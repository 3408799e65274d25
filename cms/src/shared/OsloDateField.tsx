import { FunctionField, type FunctionFieldProps } from 'react-admin';
import { formatOsloCompactDate, formatOsloShortDate, formatOsloShortDateTime } from '../../../content-model';

type OsloDateFieldProps = Omit<FunctionFieldProps, 'render' | 'source'> & {
  source: string;
  /** Date and time ("10. des. 2026, 09:00") instead of the date alone. */
  showTime?: boolean;
  /** "10.12.2026", for wide tables where every character counts (the written-out date is its title). */
  compact?: boolean;
  emptyText?: string;
};

/**
 * A calendar date or an instant as the house style shows it in the CMS, in Oslo whatever the
 * browser's own zone: react-admin's DateField would take its format from each list.
 */
export function OsloDateField({ source, showTime = false, compact = false, emptyText = '', ...props }: OsloDateFieldProps) {
  return (
    <FunctionField
      source={source}
      {...props}
      render={(record) => {
        const value: unknown = record[source];
        if (typeof value !== 'string' || value === '') return emptyText;
        if (showTime) return formatOsloShortDateTime(value);
        return compact ? <span title={formatOsloShortDate(value)}>{formatOsloCompactDate(value)}</span> : formatOsloShortDate(value);
      }}
    />
  );
}
