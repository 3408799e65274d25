import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify } from 'react-admin';
import type { CmsDataProvider } from '../data/dataProvider';
import { saveBlob } from '../shared/download';

const CSV_FILE_NAME = 'dokumentoversikt.csv';

/**
 * Downloads the overview as CSV from the API (same filters and sorting as on screen), rather than
 * react-admin's client-side exporter: the server's CSV covers every page and the agreed columns.
 */
export function ExportCsvButton() {
  const { filterValues, sort } = useListContext();
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      saveBlob(await dataProvider.exportOverviewCsv({ filter: filterValues, sort }), CSV_FILE_NAME);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Eksporten feilet', { type: 'error' });
    } finally {
      setExporting(false);
    }
  }

  return (
    <Button label="Eksporter CSV" onClick={exportCsv} disabled={exporting}>
      <DownloadIcon />
    </Button>
  );
}
