import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Alert, AlertTitle, Button as MuiButton, MenuItem, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import {
  evaluationOutcomes,
  evaluationRequestSchema,
  formatOsloShortDate,
  formatShortDeadline,
  osloDate,
  type EvaluationOutcome,
  type Product,
} from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { FormDialog } from '../shared/FormDialog';
import { errorsOnFields } from '../shared/httpErrors';
import { confirmations, useProductTransition } from './LifecycleActions';
import { transitionLabels } from './lifecycle';

/** Only published products that are not retired can be evaluated (the API says the same). */
export function isEvaluable(product: Pick<Product, 'publishedVersion' | 'status'>): boolean {
  return product.publishedVersion !== null && product.status !== 'retired';
}

type EvaluationFieldErrors = Partial<Record<'evaluatedOn' | 'outcome' | 'note' | 'root', string>>;

/**
 * "Registrer evaluering": editors, committee members and admins record the outcome of a review.
 * The next due date counts from it; the outcome decides whether the product is current again.
 */
export function RecordEvaluationButton() {
  const product = useRecordContext<Product>();
  const { canAccess } = useCanAccess({ resource: 'products', action: 'evaluate' });
  const [open, setOpen] = useState(false);
  if (!product || !canAccess || !isEvaluable(product)) return null;
  return (
    <>
      <Button label="Registrer evaluering" onClick={() => setOpen(true)} variant="outlined">
        <FactCheckIcon />
      </Button>
      {open ? <EvaluationDialog product={product} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function EvaluationDialog({ product, onClose }: { product: Product; onClose(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const today = osloDate(new Date());
  const [evaluatedOn, setEvaluatedOn] = useState(today);
  const [outcome, setOutcome] = useState<EvaluationOutcome | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<EvaluationFieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const request = evaluationRequestSchema.safeParse({ evaluatedOn, outcome, note, expectedRevision: product.revision });
    if (!request.success) {
      const found: EvaluationFieldErrors = {};
      for (const issue of request.error.issues) {
        const field = issue.path[0];
        if (field === 'evaluatedOn') found.evaluatedOn = 'Oppgi datoen evalueringen ble gjort';
        if (field === 'outcome') found.outcome = 'Velg resultatet av evalueringen';
        if (field === 'note') found.note = 'Merknaden kan være høyst 4000 tegn';
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await dataProvider.recordEvaluation(String(product.id), request.data);
      if (result.proposal === 'retire') {
        notify('Evalueringen er registrert. Produktet er ikke lenger gjeldende og foreslås sanert.', { type: 'warning' });
      } else {
        notify('Evalueringen er registrert', { type: 'success' });
      }
      onClose();
      refresh();
    } catch (error) {
      // A 400 names the field (e.g. a date in the future or before publication); 409 is a stale revision.
      setErrors(errorsOnFields(error, ['evaluatedOn', 'outcome', 'note'], 'Evalueringen kunne ikke lagres'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog
      titleId="evaluation-dialog-title"
      title="Registrer evaluering"
      intro={
        <>
          Evaluering av publisert versjon {product.publishedVersion} av «{product.title}».
          {product.nextEvaluationDue ? ` ${formatShortDeadline(product.nextEvaluationDue, today)}.` : ''} Neste frist regnes fra evalueringsdatoen.
        </>
      }
      error={errors.root}
      busy={busy}
      submitLabel="Registrer evaluering"
      onSubmit={submit}
      onCancel={onClose}
    >
      <Stack spacing={2}>
        <TextField
          label="Evalueringsdato"
          type="date"
          value={evaluatedOn}
          onChange={(event) => setEvaluatedOn(event.target.value)}
          error={Boolean(errors.evaluatedOn)}
          helperText={errors.evaluatedOn}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
          required
        />
        <TextField
          select
          label="Resultat"
          value={outcome}
          onChange={(event) => setOutcome(event.target.value as EvaluationOutcome)}
          error={Boolean(errors.outcome)}
          helperText={errors.outcome ?? (outcome === 'no-longer-relevant' ? 'Produktet vises da ikke lenger som gjeldende og foreslås sanert.' : ' ')}
          required
        >
          {evaluationOutcomes.codes.map((code) => (
            <MenuItem key={code} value={code}>
              {evaluationOutcomes.labels[code]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Merknad"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          error={Boolean(errors.note)}
          helperText={errors.note ?? 'Hva ble vurdert, og eventuelt hva som må gjøres'}
          multiline
          minRows={3}
        />
      </Stack>
    </FormDialog>
  );
}

/**
 * After an evaluation found the product no longer relevant it is not current, and retirement is
 * proposed. Editors get the retire action right here; others see who decides.
 */
export function RetirementProposal() {
  const { product, busy, run } = useProductTransition();
  const { canAccess: mayRetire } = useCanAccess({ resource: 'products', action: 'transition' });
  const [confirming, setConfirming] = useState(false);
  if (!product || product.status === 'retired' || product.notCurrentReason !== 'outdated') return null;
  const confirmation = confirmations.retire;
  return (
    <Alert
      severity="warning"
      sx={{ mt: 1 }}
      action={
        mayRetire ? (
          <MuiButton color="error" variant="outlined" size="small" onClick={() => setConfirming(true)} disabled={busy}>
            {transitionLabels.retire}
          </MuiButton>
        ) : undefined
      }
    >
      <AlertTitle>Foreslått sanert</AlertTitle>
      {product.lastEvaluatedAt ? `Evalueringen ${formatOsloShortDate(product.lastEvaluatedAt)} ` : 'Siste evaluering '}
      konkluderte med «{evaluationOutcomes.labels['no-longer-relevant']}». Produktet vises ikke lenger som gjeldende på nettsiden.
      {mayRetire ? ' Saner det for å flytte det til arkivet.' : ' Sekretariatet avgjør om det skal saneres.'}
      {confirming && confirmation ? (
        <Confirm
          isOpen
          loading={busy}
          title={confirmation.title}
          content={confirmation.content}
          confirm={transitionLabels.retire}
          cancel="Avbryt"
          onConfirm={() => void run('retire').then(() => setConfirming(false))}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </Alert>
  );
}
