import { Alert, CircularProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useRecordContext } from 'react-admin';
import type { Product, ProductHistory as History } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { formatOsloShortDate, formatOsloShortDateTime } from '../../../content-model';
import { changedFieldLabel } from './changedFieldLabels';

/** Audit actions are API codes; these are the ones the lifecycle produces, the rest show as sent. */
const auditActionLabels: Record<string, string> = {
  create: 'Opprettet',
  created: 'Opprettet',
  update: 'Endret',
  updated: 'Endret',
  'send-to-consultation': 'Sendt på høring',
  'return-to-draft': 'Tilbake til utkast',
  approve: 'Godkjent',
  publish: 'Publisert',
  retire: 'Sanert',
  evaluate: 'Evaluert',
  evaluated: 'Evaluert',
  'consultation-updated': 'Høring endret',
  'marked-not-current': 'Merket ikke gjeldende',
  'input-triaged': 'Innspill vurdert',
};

type HistoryState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded'; history: History };

/** Reloads whenever the product's revision changes, so a transition shows up at once. */
function useProductHistory(product: Product | undefined): HistoryState {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const id = product ? String(product.id) : undefined;
  const revision = product?.revision;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is not read, but a new revision means new history to load.
  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    dataProvider.getProductHistory(id).then(
      (history) => !cancelled && setState({ status: 'loaded', history }),
      (error: unknown) => !cancelled && setState({ status: 'failed', message: error instanceof Error ? error.message : 'Kunne ikke hente historikken' }),
    );
    return () => {
      cancelled = true;
    };
  }, [dataProvider, id, revision]);
  return state;
}

export function ProductHistory() {
  const product = useRecordContext<Product>();
  const state = useProductHistory(product);
  if (state.status === 'loading') return <CircularProgress aria-label="Laster historikk" />;
  if (state.status === 'failed') return <Alert severity="error">{state.message}</Alert>;
  const { versions, audit } = state.history;

  return (
    <>
      <Typography variant="h6" component="h2" gutterBottom>
        Publiserte versjoner
      </Typography>
      {versions.length === 0 ? (
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Ingen versjoner er publisert ennå.
        </Typography>
      ) : (
        <Table size="small" aria-label="Publiserte versjoner" sx={{ mb: 3 }}>
          <TableHead>
            <TableRow>
              <TableCell>Versjon</TableCell>
              <TableCell>Tittel</TableCell>
              <TableCell>Publisert</TableCell>
              <TableCell>Publisert av</TableCell>
              <TableCell>Vedtak</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {versions.map((version) => (
              <TableRow key={version.version}>
                <TableCell>{version.version}</TableCell>
                <TableCell>{version.title}</TableCell>
                <TableCell>{formatOsloShortDateTime(version.publishedAt)}</TableCell>
                <TableCell>{version.publishedBy}</TableCell>
                <TableCell>{version.decision ? `${version.decision.reference} (${formatOsloShortDate(version.decision.date)})` : '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Typography variant="h6" component="h2" gutterBottom>
        Endringslogg
      </Typography>
      <Table size="small" aria-label="Endringslogg">
        <TableHead>
          <TableRow>
            <TableCell>Tidspunkt</TableCell>
            <TableCell>Hvem</TableCell>
            <TableCell>Hva</TableCell>
            <TableCell>Endrede felt</TableCell>
            <TableCell>Versjon</TableCell>
            <TableCell>Merknad</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {audit.map((record, index) => (
            <TableRow
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list in its stored order, never reordered
              key={`${record.at}-${index}`}
            >
              <TableCell>{formatOsloShortDateTime(record.at)}</TableCell>
              <TableCell>{record.by}</TableCell>
              <TableCell>{auditActionLabels[record.action] ?? record.action}</TableCell>
              <TableCell>{record.changes.map(changedFieldLabel).join(', ') || '–'}</TableCell>
              <TableCell>{record.version ?? '–'}</TableCell>
              <TableCell>{record.note ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
