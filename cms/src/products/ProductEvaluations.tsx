import { Alert, Chip, CircularProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { evaluationOutcomes, formatOsloShortDate, formatOsloShortDateTime, type EvaluationOutcome, type Product } from '../../../content-model';
import { useLoaded } from '../shared/useLoaded';

type ChipColour = 'success' | 'info' | 'warning' | 'error';

export const outcomeColours: Record<EvaluationOutcome, ChipColour> = {
  'still-current': 'success',
  'editorial-fix': 'info',
  'revision-needed': 'warning',
  'no-longer-relevant': 'error',
};

export function OutcomeChip({ outcome }: { outcome: EvaluationOutcome }) {
  return <Chip size="small" variant="outlined" color={outcomeColours[outcome]} label={evaluationOutcomes.labels[outcome]} />;
}

/** The "Evalueringer" tab: every evaluation of the product, newest first. Reloads when the product changes. */
export function ProductEvaluations() {
  const product = useRecordContext<Product>();
  const id = product ? String(product.id) : '';
  const { state } = useLoaded((dataProvider) => (id ? dataProvider.listEvaluations(id) : Promise.resolve([])), `${id}@${product?.revision ?? 0}`);

  if (!product) return null;
  if (state.status === 'loading') return <CircularProgress aria-label="Laster evalueringer" />;
  if (state.status === 'failed') return <Alert severity="error">{state.message}</Alert>;
  const evaluations = state.data;
  if (evaluations.length === 0) {
    return (
      <Typography color="text.secondary">
        {product.publishedVersion === null ? 'Produktet evalueres etter at det er publisert.' : 'Produktet er ikke evaluert ennå.'}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Evalueringer">
      <TableHead>
        <TableRow>
          <TableCell>Dato</TableCell>
          <TableCell>Resultat</TableCell>
          <TableCell>Versjon</TableCell>
          <TableCell>Evaluert av</TableCell>
          <TableCell>Merknad</TableCell>
          <TableCell>Registrert</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {evaluations.map((evaluation) => (
          <TableRow key={evaluation.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortDate(evaluation.evaluatedOn)}</TableCell>
            <TableCell>
              <OutcomeChip outcome={evaluation.outcome} />
            </TableCell>
            <TableCell>{evaluation.version}</TableCell>
            <TableCell>{evaluation.evaluatedBy}</TableCell>
            <TableCell sx={{ whiteSpace: 'pre-wrap', maxWidth: 480 }}>{evaluation.note || '–'}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortDateTime(evaluation.recordedAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
