import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify } from 'react-admin';
import type { CmsDataProvider } from '../data/dataProvider';

const CSV_FILE_NAME = 'dokumentoversikt.csv';

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
