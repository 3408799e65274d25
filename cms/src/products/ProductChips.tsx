import { Chip, Tooltip } from '@mui/material';
import { useRecordContext } from 'react-admin';
import {
  currencies,
  formatOsloCompactDate,
  formatOsloShortDate,
  notCurrentReasons,
  productStatuses,
  type Product,
  type ProductStatus,
} from '../../../content-model';
import { currencyOf, dueStateOf, type DueState } from './evaluationDue';

type ChipColour = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

const statusColours: Record<ProductStatus, ChipColour> = {
  planned: 'default',
  draft: 'info',
  consultation: 'secondary',
  approved: 'primary',
  published: 'success',
  retired: 'default',
};

const dueLabels: Record<DueState, { label: string; colour: ChipColour }> = {
  overdue: { label: 'Forfalt', colour: 'error' },
  'due-soon': { label: 'Forfaller snart', colour: 'warning' },
  ok: { label: 'OK', colour: 'success' },
};

/** Colour and text together, so the status reads without relying on colour. */
export function StatusChip(_props: { label?: string; sortable?: boolean }) {
  const product = useRecordContext<Product>();
  if (!product) return null;
  return <Chip size="small" color={statusColours[product.status]} label={productStatuses.labels[product.status]} />;
}

export function DueChip(_props: { label?: string; sortable?: boolean; sortBy?: string }) {
  const product = useRecordContext<Product>();
  const state = dueStateOf(product?.nextEvaluationDue ?? null);
  if (!product?.nextEvaluationDue || !state)
    return (
      <span title="Ingen evaluering planlagt">
        –<span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>Ingen evaluering planlagt</span>
      </span>
    );
  const { label, colour } = dueLabels[state];
  return (
    <Tooltip title={`Neste evaluering ${formatOsloShortDate(product.nextEvaluationDue)}`}>
      <Chip
        size="small"
        variant={state === 'ok' ? 'outlined' : 'filled'}
        color={colour}
        // Compact, so the overview fits 1440 px; the tooltip has the date written out.
        label={`${label} · ${formatOsloCompactDate(product.nextEvaluationDue)}`}
        sx={{ whiteSpace: 'nowrap' }}
      />
    </Tooltip>
  );
}

export function CurrencyChip() {
  const product = useRecordContext<Product>();
  if (!product) return null;
  const currency = currencyOf(product);
  if (!currency) return <Chip size="small" variant="outlined" label="Ikke publisert" />;
  const colour: ChipColour = currency === 'current' ? 'success' : currency === 'not-current' ? 'error' : 'default';
  const reason = currency === 'not-current' ? notCurrentReasons.labels[product.notCurrentReason ?? 'overdue'] : undefined;
  return (
    <Tooltip title={reason ?? ''}>
      <Chip size="small" color={colour} label={`Nettsiden: ${currencies.labels[currency]}${reason ? ` – ${reason.toLowerCase()}` : ''}`} />
    </Tooltip>
  );
}
