import { useListContext } from 'react-admin';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';

const CSV_FILE_NAME = 'dokumentoversikt.csv';

/**
 * Downloads the overview as CSV from the API (same filters and sorting as on screen), rather than
 * react-admin's client-side exporter: the server's CSV covers every page and the agreed columns.
 */
export function ExportCsvButton() {
  const { filterValues, sort } = useListContext();
  return <CsvDownloadButton fetchCsv={(dataProvider) => dataProvider.exportOverviewCsv({ filter: filterValues, sort })} fileName={CSV_FILE_NAME} />;
}
