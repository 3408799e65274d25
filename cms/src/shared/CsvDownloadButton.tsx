import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useNotify } from 'react-admin';
import type { CmsDataProvider } from '../data/dataProvider';
import { saveBlob } from './download';
import { messageOf } from './httpErrors';

/**
 * "Eksporter CSV": fetches a CSV file from the API with `fetchCsv` and hands it to the browser as
 * `fileName`. Disabled while the download runs; a failure is shown as an error notification.
 */
export function CsvDownloadButton({ fetchCsv, fileName }: { fetchCsv(dataProvider: CmsDataProvider): Promise<Blob>; fileName: string }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      saveBlob(await fetchCsv(dataProvider), fileName);
    } catch (error) {
      notify(messageOf(error, 'Eksporten feilet'), { type: 'error' });
    } finally {
      setExporting(false);
    }
  }

  return (
    <Button label="Eksporter CSV" onClick={() => void exportCsv()} disabled={exporting}>
      <DownloadIcon />
    </Button>
  );
}
