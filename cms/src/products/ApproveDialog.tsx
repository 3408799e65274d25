import { Alert, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import {
  closeConsultationSchema,
  decisionSchema,
  formatOsloDate,
  osloDate,
  type CloseConsultation,
  type Consultation,
  type Decision,
} from '../../../content-model';
import { FormDialog } from '../shared/FormDialog';

interface ApproveDialogProps {
  open: boolean;
  busy: boolean;
  /** The product's consultation that has not ended yet, if any: approving ends it. */
  consultation: Pick<Consultation, 'closesOn'> | null;
  /** What the API answered, e.g. that a consultation is still open. */
  error?: string | undefined;
  onCancel(): void;
  onApprove(decision: Decision, closeConsultation?: CloseConsultation): void;
}

type Field = keyof Decision | 'closeReason';

/**
 * Approval records the steering group's decision: its reference (e.g. "06/25") and date. While the
 * consultation is still open, the editor must end it here and say why; the reason is recorded.
 */
export function ApproveDialog({ open, busy, consultation, error, onCancel, onApprove }: ApproveDialogProps) {
  const [reference, setReference] = useState('');
  const [date, setDate] = useState(() => osloDate(new Date()));
  const [closeReason, setCloseReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const endsConsultation = consultation !== null || Boolean(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const decision = decisionSchema.safeParse({ reference: reference.trim(), date });
    if (!decision.success) {
      for (const issue of decision.error.issues) {
        const field = issue.path[0];
        if (field === 'reference') found.reference = 'Oppgi vedtaksreferansen på formen 06/25';
        if (field === 'date') found.date = 'Oppgi datoen for vedtaket';
      }
    }
    const closing = endsConsultation ? closeConsultationSchema.safeParse({ reason: closeReason.trim() }) : null;
    if (closing && !closing.success) found.closeReason = 'Oppgi hvorfor høringen avsluttes før fristen (minst 3 tegn)';
    setErrors(found);
    if (!decision.success || (closing && !closing.success)) return;
    onApprove(decision.data, closing?.data);
  }

  return (
    <FormDialog
      open={open}
      titleId="approve-dialog-title"
      title="Godkjenn produktet"
      intro="Registrer Styringsgruppens vedtak om å godkjenne produktet."
      busy={busy}
      submitLabel="Godkjenn"
      fullWidth={false}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
        {endsConsultation ? (
          <Alert severity="warning">
            {error ?? (consultation ? `Høringen er åpen til ${formatOsloDate(consultation.closesOn)}.` : '')} Når produktet godkjennes, avsluttes høringen og
            tar ikke imot flere innspill.
          </Alert>
        ) : null}
        <TextField
          label="Vedtaksreferanse"
          placeholder="06/25"
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          error={Boolean(errors.reference)}
          helperText={errors.reference ?? 'Saksnummer/år, f.eks. 06/25'}
          autoFocus
          required
        />
        <TextField
          label="Vedtaksdato"
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={Boolean(errors.date)}
          helperText={errors.date}
          slotProps={{ inputLabel: { shrink: true } }}
          required
        />
        {endsConsultation ? (
          <TextField
            label="Begrunnelse for å avslutte høringen"
            value={closeReason}
            onChange={(event) => setCloseReason(event.target.value)}
            error={Boolean(errors.closeReason)}
            helperText={errors.closeReason ?? 'Føres i historikken'}
            multiline
            minRows={2}
            required
          />
        ) : null}
      </Stack>
    </FormDialog>
  );
}
