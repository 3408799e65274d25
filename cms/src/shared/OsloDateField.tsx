import { FunctionField, type FunctionFieldProps } from 'react-admin';
import { formatOsloShortDate, formatOsloShortDateTime } from '../../../content-model';

type OsloDateFieldProps = Omit<FunctionFieldProps, 'render' | 'source'> & {
  source: string;
  /** Date and time ("10. des. 2026, 09:00") instead of the date alone. */
  showTime?: boolean;
  emptyText?: string;
};

/**
 * A calendar date or an instant as the house style shows it in the CMS, in Oslo whatever the
 * browser's own zone: react-admin's DateField would take its format from each list.
 */
export function OsloDateField({ source, showTime = false, emptyText = '', ...props }: OsloDateFieldProps) {
  return (
    <FunctionField
      source={source}
      {...props}
      render={(record) => {
        const value: unknown = record[source];
        if (typeof value !== 'string' || value === '') return emptyText;
        return showTime ? formatOsloShortDateTime(value) : formatOsloShortDate(value);
      }}
    />
  );
}
