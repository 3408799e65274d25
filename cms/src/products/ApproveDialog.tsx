import { Alert, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { caseIdOfReference, closeConsultationSchema, formatOsloDate, type CloseConsultation, type Consultation } from '../../../content-model';
import { FormDialog } from '../shared/FormDialog';

interface ApproveDialogProps {
  open: boolean;
  busy: boolean;
  /** The product's consultation that has not ended yet, if any: approving ends it. */
  consultation: Pick<Consultation, 'closesOn'> | null;
  /** What the API answered, e.g. that a consultation is still open. */
  error?: string | undefined;
  /** What the API said about the case (unknown, not decided, not adopted, about another product). */
  caseError?: string | undefined;
  onCancel(): void;
  onApprove(decisionCase: string, closeConsultation?: CloseConsultation): void;
}

type Field = 'reference' | 'closeReason';

/**
 * Approval refers to the steering group's decision: an adopted case in the decision register that
 * names the product (e.g. "06/25"); the decision's date is the case's. While the consultation is
 * still open, the editor must end it here and say why; the reason is recorded.
 */
export function ApproveDialog({ open, busy, consultation, error, caseError, onCancel, onApprove }: ApproveDialogProps) {
  const [reference, setReference] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const endsConsultation = consultation !== null || Boolean(error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const validReference = caseIdOfReference(reference) !== null;
    if (!validReference) found.reference = 'Oppgi saksnummeret på formen 06/25';
    const closing = endsConsultation ? closeConsultationSchema.safeParse({ reason: closeReason.trim() }) : null;
    if (closing && !closing.success) found.closeReason = 'Oppgi hvorfor høringen avsluttes før fristen (minst 3 tegn)';
    setErrors(found);
    if (!validReference || (closing && !closing.success)) return;
    onApprove(reference.trim(), closing?.data);
  }

  return (
    <FormDialog
      open={open}
      titleId="approve-dialog-title"
      title="Godkjenn produktet"
      intro="Oppgi saken i vedtaksregisteret der Styringsgruppen vedtok produktet."
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
          error={Boolean(errors.reference ?? caseError)}
          helperText={
            errors.reference ?? caseError ?? 'Saksnummer/år, f.eks. 06/25. Saken må være vedtatt og gjelde produktet; vedtaksdatoen hentes fra saken.'
          }
          autoFocus
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
