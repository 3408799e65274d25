import { Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { decisionSchema, osloDate, type Decision } from '../../../content-model';
import { FormDialog } from '../shared/FormDialog';

interface ApproveDialogProps {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  onApprove(decision: Decision): void;
}

/** Approval records the steering group's decision: its reference (e.g. "06/25") and date. */
export function ApproveDialog({ open, busy, onCancel, onApprove }: ApproveDialogProps) {
  const [reference, setReference] = useState('');
  const [date, setDate] = useState(() => osloDate(new Date()));
  const [errors, setErrors] = useState<Partial<Record<keyof Decision, string>>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const decision = decisionSchema.safeParse({ reference: reference.trim(), date });
    if (!decision.success) {
      const found: Partial<Record<keyof Decision, string>> = {};
      for (const issue of decision.error.issues) {
        const field = issue.path[0];
        if (field === 'reference') found.reference = 'Oppgi vedtaksreferansen på formen 06/25';
        if (field === 'date') found.date = 'Oppgi datoen for vedtaket';
      }
      setErrors(found);
      return;
    }
    setErrors({});
    onApprove(decision.data);
  }

  return (
    <FormDialog
      open={open}
      titleId="approve-dialog-title"
      title="Registrer vedtak"
      intro="Styringsgruppens vedtak om å godkjenne produktet."
      busy={busy}
      submitLabel="Registrer vedtak"
      fullWidth={false}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
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
      </Stack>
    </FormDialog>
  );
}
